package org.medpulse.producer.ingest;

import java.util.List;

/**
 * One value of a partner row, before validation. CSV gives only {@link Text}; JSON Lines may also
 * give arrays ({@link Items}) and tool objects ({@link Tools}).
 */
public sealed interface Cell {

    /** A value as written: for list columns, {@code |}-separated; for tools, {@code name[:FREQUENCY]} entries. */
    record Text(String value) implements Cell {
    }

    /** A JSON array of plain values (symbols, or {@code name[:FREQUENCY]} tool entries). */
    record Items(List<String> values) implements Cell {
        public Items {
            values = List.copyOf(values);
        }
    }

    /** A JSON array of tools whose entries are already split into name and frequency. */
    record Tools(List<ToolText> tools) implements Cell {
        public Tools {
            tools = List.copyOf(tools);
        }
    }

    static Cell text(String value) {
        return new Text(value);
    }
}

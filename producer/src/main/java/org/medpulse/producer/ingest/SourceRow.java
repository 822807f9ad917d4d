package org.medpulse.producer.ingest;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** A well-formed record of a partner file: its known columns' values, not validated yet. */
public record SourceRow(long line, Map<Column, Cell> cells, String raw) implements ReadRow {

    public SourceRow {
        cells = cells.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(cells));
    }

    public Optional<Cell> cell(Column column) {
        return Optional.ofNullable(cells.get(column));
    }
}

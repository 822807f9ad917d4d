package org.medpulse.producer.ingest;

import java.util.Objects;

/**
 * A row that was not published: where it is ({@code line}, the physical line where the record
 * starts, the header being line 1), the column at fault ({@code field}, empty when the whole line
 * is unusable), why, and the raw text of the record.
 */
public record Reject(long line, String field, String reason, String raw) implements ReadRow, RowOutcome {

    /** The field of a reject that concerns the whole row rather than one column. */
    public static final String WHOLE_ROW = "";

    public Reject {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }

    public static Reject ofRow(long line, String reason, String raw) {
        return new Reject(line, WHOLE_ROW, reason, raw);
    }
}

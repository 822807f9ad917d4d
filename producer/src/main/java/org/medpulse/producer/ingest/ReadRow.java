package org.medpulse.producer.ingest;

/**
 * What a partner file reader yields for each non-blank record: a row to validate, or a
 * {@link Reject} when the record itself is malformed (broken quote, wrong column count, bad JSON).
 */
public sealed interface ReadRow permits SourceRow, Reject {

    /** Physical line where the record starts. */
    long line();
}

package org.medpulse.producer.ingest;

/** The result of validating one row: a response ready to publish, or a {@link Reject}. */
public sealed interface RowOutcome permits ValidRow, Reject {

    long line();
}

package org.medpulse.producer.ingest;

import java.util.Objects;

import org.medpulse.avro.SurveyResponse;

/**
 * A row that passed validation, with the response it becomes, its raw text (for reports), and
 * whether its response id was derived (the row gave none).
 */
public record ValidRow(long line, SurveyResponse response, String raw, boolean idDerived) implements RowOutcome {

    public ValidRow {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(raw, "raw");
    }
}

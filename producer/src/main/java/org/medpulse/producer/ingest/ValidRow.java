package org.medpulse.producer.ingest;

import java.util.Objects;

import org.medpulse.avro.SurveyResponse;

/** A row that passed validation, with the response it becomes and its raw text (for reports). */
public record ValidRow(long line, SurveyResponse response, String raw) implements RowOutcome {

    public ValidRow {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(raw, "raw");
    }
}

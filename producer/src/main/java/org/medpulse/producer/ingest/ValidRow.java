package org.medpulse.producer.ingest;

import java.util.Objects;
import java.util.UUID;

import org.medpulse.avro.SurveyResponse;

/**
 * A row that passed validation, with the response it becomes, its raw text (for reports), whether
 * its response id was derived (the row gave none), and what it says ({@link ResponseIds#contentId},
 * which tells a correction from a redelivery).
 */
public record ValidRow(long line, SurveyResponse response, String raw, boolean idDerived, UUID content)
        implements RowOutcome {

    public ValidRow {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(content, "content");
    }
}

package org.medpulse.streams.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.WaveId;

/**
 * What a readable response must satisfy to be counted. The record key must name the respondent
 * ({@code partnerId/respondentId}): the input is partitioned by it, and the latest-response
 * bookkeeping is only exact if all of a respondent's responses meet in one partition.
 */
final class SurveyResponseValidator {

    // ISO yyyy-MM-dd day keys need four-digit years.
    private static final long EARLIEST = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
    private static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    // Nearly every response names the wave the one before named: the rule (a regular expression)
    // is applied once per change of wave. Shared by stream threads: a stale value is only a miss.
    private static volatile String lastValidWave;

    private SurveyResponseValidator() {
    }

    /** The reasons {@code response} cannot be counted; empty when it can. */
    static List<String> problems(String key, SurveyResponse response) {
        List<String> problems = new ArrayList<>(2);
        if (response == null) {
            problems.add("no value: a tombstone is not a survey response");
            return problems;
        }
        requireText(problems, "responseId", response.getResponseId());
        requireText(problems, "partnerId", response.getPartnerId());
        requireText(problems, "respondentId", response.getRespondentId());
        requireText(problems, "waveId", response.getWaveId());
        if (problems.isEmpty() && !response.getWaveId().equals(lastValidWave)) {
            WaveId.problem(response.getWaveId()).ifPresentOrElse(problems::add,
                    () -> lastValidWave = response.getWaveId());
        }
        if (problems.isEmpty()) {
            String expectedKey = ResponseKey.of(response);
            if (!expectedKey.equals(key)) {
                problems.add("record key " + (key == null ? "is missing" : "'" + key + "'")
                        + " but must be partnerId/respondentId '" + expectedKey + "'");
            }
        }
        Instant submittedAt = response.getSubmittedAt();
        if (submittedAt == null || submittedAt.toEpochMilli() < EARLIEST || submittedAt.toEpochMilli() > LATEST) {
            problems.add("submittedAt " + submittedAt + " is outside the years 1970 to 9999");
        }
        return problems;
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is empty");
        } else if (value.indexOf('\0') >= 0) {
            // NUL separates the components of store keys.
            problems.add(field + " contains a NUL character");
        }
    }
}

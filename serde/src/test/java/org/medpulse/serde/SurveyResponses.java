package org.medpulse.serde;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/** Survey responses and serde configurations the serde tests share. */
final class SurveyResponses {

    static final String TOPIC = "survey-responses";

    private SurveyResponses() {
    }

    /** Every field set: a non-ASCII string, a null and a non-null union, tools with and without frequency. */
    static SurveyResponse golden() {
        return SurveyResponse.newBuilder()
                .setResponseId("r-1")
                .setPartnerId("p1")
                .setRespondentId("doc-7")
                .setWaveId("2025-06")
                .setSubmittedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setPracticeType(PracticeType.SPECIALIST)
                .setSpecialty("g\u00e9riatrie")
                .setSetting(PracticeSetting.MIXED)
                .setRegion(null)
                .setUsageFrequency(UsageFrequency.WEEKLY)
                .setUseCases(List.of(UseCase.DIAGNOSIS, UseCase.REFERRAL_LETTERS))
                .setBarriers(List.of(Barrier.DATA_PRIVACY))
                .setTools(List.of(new ToolUsage("ChatGPT", UsageFrequency.DAILY), new ToolUsage("Doctolib", null)))
                .setExpectedFutureUseCases(List.of(UseCase.PATIENT_COMMUNICATION))
                .build();
    }

    /** Only the required fields: nulls and empty arrays everywhere else. */
    static SurveyResponse minimal(String responseId) {
        return SurveyResponse.newBuilder()
                .setResponseId(responseId)
                .setPartnerId("p2")
                .setRespondentId("doc-" + responseId)
                .setWaveId("2025-07")
                .setSubmittedAt(Instant.ofEpochMilli(1_751_328_000_000L))
                .setPracticeType(PracticeType.GENERAL_PRACTITIONER)
                .setSetting(PracticeSetting.HOSPITAL)
                .setUsageFrequency(UsageFrequency.NEVER)
                .build();
    }

    /** A fresh in-memory registry scope, so that tests do not see each other's schemas. */
    static String newScope() {
        return "serde-test-" + UUID.randomUUID();
    }

    static Map<String, Object> config(String scope, Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }
}

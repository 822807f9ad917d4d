package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/**
 * Content ids must never change: a file ingested again must give the same ids as before. These
 * were computed by the implementation that built each name as a string and encoded it with
 * {@code String.getBytes(UTF_8)}; the name is now written as UTF-8 bytes directly.
 */
class ResponseIdsTest {

    private static SurveyResponse response(String respondent, String specialty, String region, List<ToolUsage> tools,
            List<MarketDriver> drivers) {
        return SurveyResponse.newBuilder().setResponseId("").setPartnerId("acme").setRespondentId(respondent)
                .setWaveId("2025-06").setSubmittedAt(Instant.parse("2025-06-14T07:30:12.345Z"))
                .setPracticeType(PracticeType.SPECIALIST).setSpecialty(specialty).setSetting(PracticeSetting.HOSPITAL)
                .setRegion(region).setUsageFrequency(UsageFrequency.WEEKLY)
                .setUseCases(List.of(UseCase.DIAGNOSIS, UseCase.ADMINISTRATIVE_DOCUMENTATION))
                .setBarriers(List.of()).setTools(tools).setExpectedFutureUseCases(List.of(UseCase.OTHER))
                .setMarketDrivers(drivers).build();
    }

    @Test
    void contentIdsAreThoseOfEarlierReleases() {
        assertThat(ResponseIds.fromContent(response("r-001", null, null, List.of(), null)))
                .isEqualTo("0d7c0410-2694-559e-88e4-43fc242d8fb6");
        assertThat(ResponseIds.fromContent(response("r-002", "Médecine générale", "Île-de-France",
                List.of(new ToolUsage("ChatGPT", UsageFrequency.DAILY), new ToolUsage("Outil: v2", null)), List.of())))
                .isEqualTo("274c732e-6307-5daf-aa36-907b18ebb065");
    }

    @Test
    void textBeyondLatin1AndUnpairedSurrogatesAreNamedAsStringGetBytesEncodesThem() {
        // An emoji (a surrogate pair), a euro sign, CJK, and unpaired surrogates (encoded as '?').
        SurveyResponse response = response("r-\uD83D\uDE00-\u20AC-\u00E9", "\uD800 lone high", "lone low \uDC00",
                List.of(new ToolUsage("\u4E2D\u6587", UsageFrequency.NEVER)),
                List.of(MarketDriver.PATIENT_DEMAND, MarketDriver.OTHER));
        assertThat(ResponseIds.fromContent(response)).isEqualTo("24e978d8-68c5-5fae-b84a-b4876d8e19e7");
    }

    @Test
    void aResponseWhoseNameOutgrowsTheBufferStillGetsItsId() {
        SurveyResponse response = response("r".repeat(5_000), null, null, List.of(), null);
        assertThat(ResponseIds.fromContent(response)).isEqualTo("87b944bb-3971-5c07-940e-21d4d32b7676");
    }
}

package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;

class PartnerCsvWriterTest {

    @TempDir
    Path dir;

    private static SurveyResponse response(String respondent, List<MarketDriver> drivers) {
        return SurveyResponse.newBuilder()
                .setResponseId("id-" + respondent)
                .setPartnerId("acme")
                .setRespondentId(respondent)
                .setWaveId("2026-06")
                .setSubmittedAt(Instant.parse("2026-06-03T10:00:00Z"))
                .setPracticeType(PracticeType.SPECIALIST)
                .setSetting(PracticeSetting.HOSPITAL)
                .setUsageFrequency(UsageFrequency.DAILY)
                .setMarketDrivers(drivers)
                .build();
    }

    private List<SurveyResponse> ingest(String csv) throws Exception {
        Path file = dir.resolve("partner.csv");
        Files.writeString(file, csv);
        ResponseValidator validator = ResponseValidator.of(IngestRules.of("acme", ZoneId.of("UTC"),
                Instant.parse("2026-06-04T00:00:00Z")));
        try (var rows = PartnerFile.open(file, w -> { }).rows()) {
            return rows.map(row -> ((ValidRow) validator.validate((SourceRow) row)).response()).toList();
        }
    }

    @Test
    void aFileOfRespondentsAskedAboutDriversHasTheColumnAndGivesBackNamedAndNone() throws Exception {
        List<SurveyResponse> asked = List.of(
                response("r1", List.of(MarketDriver.LACK_OF_MEDICAL_TIME, MarketDriver.PATIENT_DEMAND)),
                response("r2", List.of()));
        StringWriter csv = new StringWriter();
        try (PartnerCsvWriter writer = new PartnerCsvWriter(csv)) {
            for (SurveyResponse response : asked) {
                writer.write(response);
            }
        }
        assertThat(csv.toString()).startsWith("response_id,respondent_id,wave,submitted_at,practice_type,specialty,"
                + "setting,region,usage_frequency,use_cases,barriers,future_use_cases,tools,market_drivers\n")
                .contains(",LACK_OF_MEDICAL_TIME|PATIENT_DEMAND\n");
        assertThat(ingest(csv.toString())).isEqualTo(asked);
    }

    @Test
    void aFileOfRespondentsNotAskedHasNoColumnAndGivesBackNotAsked() throws Exception {
        List<SurveyResponse> notAsked = List.of(response("r1", null), response("r2", null));
        StringWriter csv = new StringWriter();
        try (PartnerCsvWriter writer = new PartnerCsvWriter(csv, false)) {
            for (SurveyResponse response : notAsked) {
                writer.write(response);
            }
        }
        assertThat(csv.toString()).startsWith("response_id,respondent_id,wave,submitted_at,practice_type,specialty,"
                + "setting,region,usage_frequency,use_cases,barriers,future_use_cases,tools\n");
        assertThat(ingest(csv.toString())).isEqualTo(notAsked);
    }

    @Test
    void aResponseItsFileCouldNotGiveBackIsRefused() throws Exception {
        try (PartnerCsvWriter v2 = new PartnerCsvWriter(new StringWriter());
                PartnerCsvWriter v1 = new PartnerCsvWriter(new StringWriter(), false)) {
            assertThatThrownBy(() -> v2.write(response("r1", null))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("id-r1 was not asked about market drivers");
            assertThatThrownBy(() -> v1.write(response("r1", List.of()))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("id-r1 was asked about market drivers");
        }
    }
}

package org.medpulse.chaos.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.Reject;
import org.medpulse.producer.ingest.ResponseValidator;

/** The partner files of a game day, read back by the real ingestion (dry run). */
class PartnerFileWriterTest {

    @Test
    void aFileWithoutTheMarketDriversColumnTakesTheResponsesNotAskedAboutThem(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("partner-1-v1.csv");
        long written = 0;
        try (PartnerFileWriter file = new PartnerFileWriter(path, false)) {
            for (Iterator<SurveyResponse> panel = ChaosPanel.of(300, 4).deliveries(); panel.hasNext(); ) {
                SurveyResponse response = panel.next();
                if (response.getMarketDrivers() == null) {
                    file.write(SurveyResponse.newBuilder(response).setPartnerId("partner-1").build());
                    written++;
                }
            }
            file.writeMalformed(ChaosPanel.of(300, 4).deliveries().next(), "chaos-bad-1",
                    MalformedRows.Kind.UNKNOWN_BARRIER);
        }
        assertThat(MalformedRows.Kind.UNKNOWN_MARKET_DRIVER.appliesTo(false)).isFalse();

        FileIngestion.Result result = FileIngestion.dryRun(ResponseValidator.of(IngestRules.of("partner-1",
                IngestRules.DEFAULT_ZONE, Instant.now()))).ingest(PartnerFile.open(path, warning -> { }));

        assertThat(written).isPositive();
        assertThat(result.summary().published()).isEqualTo(written);
        assertThat(result.rejects()).extracting(Reject::field).containsExactly("barriers");
    }

    @Test
    void ingestionRejectsExactlyTheMalformedRowsAtTheirLinesAndTakesEveryGoodOne(@TempDir Path dir) throws Exception {
        Iterator<SurveyResponse> panel = ChaosPanel.of(400, 3).deliveries();
        List<SurveyResponse> good = new ArrayList<>();
        Path path = dir.resolve("partner-1.csv");
        Map<Long, MalformedRows.Kind> malformed;
        try (PartnerFileWriter file = new PartnerFileWriter(path, true)) {
            int n = 0;
            while (panel.hasNext()) {
                SurveyResponse delivered = panel.next();
                if (delivered.getMarketDrivers() == null) {
                    continue; // the wave not asked about market drivers goes to files without the column
                }
                SurveyResponse response = SurveyResponse.newBuilder(delivered).setPartnerId("partner-1").build();
                if (n < MalformedRows.Kind.values().length * 2 && n % 2 == 0) {
                    file.writeMalformed(response, MalformedRows.RESPONDENT_PREFIX + n,
                            MalformedRows.Kind.values()[n / 2]);
                }
                file.write(response);
                good.add(response);
                n++;
            }
            malformed = file.malformed();
        }
        assertThat(malformed).hasSize(MalformedRows.Kind.values().length);

        FileIngestion.Result result = FileIngestion.dryRun(ResponseValidator.of(IngestRules.of("partner-1",
                IngestRules.DEFAULT_ZONE, Instant.now()))).ingest(PartnerFile.open(path, warning -> { }));

        Map<Long, String> rejected = new TreeMap<>();
        for (Reject reject : result.rejects()) {
            rejected.put(reject.line(), reject.field());
        }
        Map<Long, String> expected = new TreeMap<>();
        malformed.forEach((line, kind) -> expected.put(line, kind.column()));
        assertThat(rejected).isEqualTo(expected);
        assertThat(result.summary().published()).isEqualTo(good.size());
        assertThat(result.summary().rows()).isEqualTo(good.size() + malformed.size());
    }
}

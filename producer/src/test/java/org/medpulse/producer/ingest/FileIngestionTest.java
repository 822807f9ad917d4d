package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.Topics;

class FileIngestionTest {

    @TempDir
    Path dir;

    private final ResponseValidator validator = ResponseValidator.of(Rows.RULES);

    private PartnerFile file(String content) throws Exception {
        Path path = dir.resolve("delivery.csv");
        Files.writeString(path, content);
        return PartnerFile.open(path, w -> { });
    }

    private static final String FILE = """
            respondent_id,wave,submitted_at,practice_type,usage_frequency
            r1,2025-06,2025-06-14T09:30Z,GP,DAILY
            r2,2025-06,2025-06-14T09:30Z,Dentist,DAILY

            r3,2025-06,2025-06-14T09:30Z,SPECIALIST,WEEKLY
            r4,2025-06,2025-06-14T09:30Z,SPECIALIST
            """;

    @Test
    void validRowsArePublishedKeyedByPartnerAndRespondentAndEveryRowIsAccountedFor() throws Exception {
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                .ingest(file(FILE));
        IngestSummary summary = result.summary();
        assertThat(summary.rows()).isEqualTo(4);
        assertThat(summary.published()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.failedSends()).isZero();
        assertThat(summary.complete()).isTrue();
        assertThat(result.rejects()).extracting(Reject::line, Reject::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "practice_type"),
                        org.assertj.core.groups.Tuple.tuple(6L, ""));
        assertThat(producer.acknowledged()).extracting(ProducerRecord::topic).containsOnly("survey-responses");
        assertThat(producer.acknowledged()).extracting(ProducerRecord::key).containsExactly("acme/r1", "acme/r3");
        assertThat(producer.acknowledged()).extracting(ProducerRecord::timestamp).containsOnlyNulls();
    }

    @Test
    void aFailedSendBecomesARejectAndIsCountedAsSuch() throws Exception {
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> r.getRespondentId().equals("r3"));
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                .ingest(file(FILE));
        assertThat(result.summary().published()).isEqualTo(1);
        assertThat(result.summary().rejected()).isEqualTo(3);
        assertThat(result.summary().failedSends()).isEqualTo(1);
        assertThat(result.summary().describe()).contains("rows=4 published=1 rejected=3 (1 of them because their send failed)");
        Reject failed = result.rejects().get(1);
        assertThat(failed.line()).isEqualTo(5);
        assertThat(failed.reason()).startsWith("not published: Expiring 1 record(s)");
        assertThat(failed.raw()).isEqualTo("r3,2025-06,2025-06-14T09:30Z,SPECIALIST,WEEKLY");
    }

    @Test
    void aDryRunPublishesNothingAndCountsWhatWouldBePublished() throws Exception {
        FileIngestion.Result result = FileIngestion.dryRun(validator).ingest(file(FILE));
        assertThat(result.summary().published()).isEqualTo(2);
        assertThat(result.summary().rejected()).isEqualTo(2);
        assertThat(result.summary().describe()).contains("valid=2 (dry run, nothing published)");
    }

    @Test
    void aStopRequestLeavesTheResultIncomplete() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                .stoppingWhen(() -> checks.incrementAndGet() > 2)
                .ingest(file(FILE));
        assertThat(result.summary().complete()).isFalse();
        assertThat(result.summary().rows()).isEqualTo(2);
        assertThat(result.summary().published() + result.summary().rejected()).isEqualTo(2);
    }

    @Test
    void anotherAnswerAtTheSameInstantIsRejectedNamingTheEarlierLineWhileARedeliveryIsPublished() throws Exception {
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES).ingest(file("""
                respondent_id,wave,submitted_at,practice_type,usage_frequency
                r1,2025-06,2025-06-14 09:30,GP,WEEKLY
                r1,2025-06,2025-06-14 09:30,GP,DAILY
                r1,2025-06,2025-06-14 09:30,GP,WEEKLY
                r1,2025-06,2025-06-14 09:31,GP,DAILY
                r2,2025-06,2025-06-14 09:30,GP,DAILY
                """));
        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.line()).isEqualTo(3);
            assertThat(reject.field()).isEqualTo("submitted_at");
            assertThat(reject.reason()).startsWith("line 2 has another answer of this respondent in this wave with the "
                    + "same submitted_at");
            assertThat(reject.raw()).isEqualTo("r1,2025-06,2025-06-14 09:30,GP,DAILY");
        });
        assertThat(result.summary().rows()).isEqualTo(5);
        assertThat(result.summary().published()).isEqualTo(4);
        var published = producer.acknowledged().stream().map(r -> r.value()).toList();
        assertThat(published.get(0).getResponseId()).isEqualTo(published.get(1).getResponseId()); // a redelivery
        assertThat(published.stream().map(r -> r.getResponseId()).distinct()).hasSize(3);
    }

    @Test
    void aFileWithTheMarketDriversColumnAsksEveryRowAndAFileWithoutItNone() throws Exception {
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES).ingest(file("""
                respondent_id,wave,submitted_at,practice_type,usage_frequency,market_drivers
                r1,2025-06,2025-06-14T09:30:11Z,GP,DAILY,manque de temps médical disponible|demande des patients
                r2,2025-06,2025-06-14T09:30:12Z,GP,NEVER,
                r3,2025-06,2025-06-14T09:30:13Z,GP,NEVER,intelligence artificielle générale
                """));
        assertThat(result.summary().describe()).contains("rows=3 published=2 rejected=1");
        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.line()).isEqualTo(4);
            assertThat(reject.field()).isEqualTo("market_drivers");
            assertThat(reject.reason()).startsWith("unknown market driver 'intelligence artificielle générale'");
        });
        assertThat(producer.acknowledged()).extracting(r -> r.value().getMarketDrivers()).containsExactly(
                List.of(MarketDriver.LACK_OF_MEDICAL_TIME, MarketDriver.PATIENT_DEMAND), List.of());

        RecordingProducer v1 = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.publishing(validator, v1, Topics.SURVEY_RESPONSES).ingest(file(FILE));
        assertThat(v1.acknowledged()).extracting(r -> r.value().getMarketDrivers()).containsOnlyNulls().hasSize(2);
    }

    @Test
    void inOneFileAnAnswerThatOnlyAddsDriversAtTheSameInstantIsAnotherAnswerNotARedelivery() throws Exception {
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES).ingest(file("""
                respondent_id,wave,submitted_at,practice_type,usage_frequency,market_drivers
                r1,2025-06,2025-06-14 09:30,GP,WEEKLY,
                r1,2025-06,2025-06-14 09:30,GP,WEEKLY,PATIENT_DEMAND
                r1,2025-06,2025-06-14 09:30,GP,WEEKLY,
                """));
        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.line()).isEqualTo(3);
            assertThat(reject.field()).isEqualTo("submitted_at");
        });
        List<SurveyResponse> published = producer.acknowledged().stream().map(ProducerRecord::value).toList();
        assertThat(published).hasSize(2);
        assertThat(published.get(0).getResponseId()).isEqualTo(published.get(1).getResponseId());
    }

    @Test
    void timestampsToTheMinuteWithoutResponseIdsAreWarnedAboutInTheSummary() throws Exception {
        IngestSummary minutes = FileIngestion.dryRun(validator).ingest(file(FILE)).summary();
        assertThat(minutes.warnings()).singleElement().asString()
                .contains("delivery.csv: every submitted_at is a whole minute and no row has a response_id");
        assertThat(minutes.describe()).contains("warnings=1");

        IngestSummary seconds = FileIngestion.dryRun(validator).ingest(file(FILE.replace("09:30Z", "09:30:17Z")))
                .summary();
        assertThat(seconds.warnings()).isEmpty();
        assertThat(seconds.describe()).doesNotContain("warnings");
        IngestSummary withIds = FileIngestion.dryRun(validator).ingest(file("""
                response_id,respondent_id,wave,submitted_at,practice_type,usage_frequency
                a1,r1,2025-06,2025-06-14T09:30Z,GP,DAILY
                """)).summary();
        assertThat(withIds.warnings()).isEmpty();
    }

    @Test
    void rejectsGoToTheSinkInLineOrderAsTheFileIsReadThenTheFailedSends() throws Exception {
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> r.getRespondentId().equals("r1"));
        List<Reject> sink = new ArrayList<>();
        IngestSummary summary = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                .ingest(file(FILE), sink::add);
        assertThat(sink).extracting(Reject::line).containsExactly(3L, 6L, 2L);
        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(summary.published() + summary.rejected()).isEqualTo(summary.rows());
    }

    @Test
    void aFileOfManyBatchesIsPublishedInLineOrderWithExactlyItsRejects() throws Exception {
        // Rows are read and validated on a thread of their own, in batches: across many batches the
        // records still go out in line order, and each bad row is rejected on its line and column.
        StringBuilder content = new StringBuilder("respondent_id,wave,submitted_at,practice_type,usage_frequency\n");
        List<String> expectedKeys = new ArrayList<>();
        List<Long> expectedRejects = new ArrayList<>();
        int rows = 20 * ValidatedRows.BATCH_ROWS + 3;
        for (int i = 0; i < rows; i++) {
            long line = i + 2;
            boolean bad = i % 97 == 5;
            content.append("r").append(i).append(",2025-06,2025-06-14T09:30:").append(String.format("%02d", i % 60))
                    .append("Z,").append(bad ? "Dentist" : "GP").append(",DAILY\n");
            if (bad) {
                expectedRejects.add(line);
            } else {
                expectedKeys.add("acme/r" + i);
            }
        }
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                .ingest(file(content.toString()));
        assertThat(result.summary().rows()).isEqualTo(rows);
        assertThat(producer.acknowledged()).extracting(ProducerRecord::key).containsExactlyElementsOf(expectedKeys);
        assertThat(result.rejects()).extracting(Reject::line).containsExactlyElementsOf(expectedRejects);
        assertThat(result.rejects()).extracting(Reject::field).containsOnly("practice_type");
    }

    @Test
    void stoppingPartWayLeavesTheResultIncompleteWithEveryRowTakenAccountedFor() throws Exception {
        StringBuilder content = new StringBuilder("respondent_id,wave,submitted_at,practice_type,usage_frequency\n");
        for (int i = 0; i < 10 * ValidatedRows.BATCH_ROWS; i++) {
            content.append("r").append(i).append(",2025-06,2025-06-14T09:30:17Z,GP,DAILY\n");
        }
        AtomicInteger asked = new AtomicInteger();
        RecordingProducer producer = new RecordingProducer("file-ingestion", r -> false);
        IngestSummary summary = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                .stoppingWhen(() -> asked.incrementAndGet() > 300)
                .ingest(file(content.toString())).summary();
        assertThat(summary.complete()).isFalse();
        assertThat(summary.rows()).isEqualTo(300);
        assertThat(summary.published()).isEqualTo(300);
        assertThat(producer.acknowledged()).extracting(ProducerRecord::key).last().isEqualTo("acme/r299");
    }
}

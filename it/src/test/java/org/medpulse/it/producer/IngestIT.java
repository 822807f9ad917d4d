package org.medpulse.it.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.SourceRow;
import org.medpulse.producer.ingest.ValidRow;
import org.medpulse.schemas.Topics;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.TopicContent;

/** {@code medpulse ingest} against a real broker: what is read back through the serde is what the file says. */
class IngestIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();
    /** The real registry, stored in the broker's _schemas topic. */
    static String registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopic() {
        STACK.createTopic(Topics.SURVEY_RESPONSES, ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
        registry = STACK.registryUrl();
    }

    static final String FRENCH_EXPORT = "\uFEFFrespondent_id;Wave;submitted_at;practice_type;setting;usage_frequency;"
            + "use_cases;barriers;future_use_cases;tools;region\n"
            + "r1;2025-06;2025-06-14 09:30;Généraliste;cabinet;quotidien;;;;;\n"          // bad setting, usage
            + "r2;2025-06;2025-06-14 09:31;MG;private practice;daily;administrative documentation|diagnosis;"
            + "ethics and liability;care adaptation;ChatGPT:DAILY|Nabla;\"Provence; Côte d'Azur\"\n"
            + "r3;2025-06;2025-06-14T09:32:00+02:00;Spécialiste;hospital;weekly;;cost;;Posos:weekly;Bretagne\n"
            + "\n"
            + "r4;2025-06;2025-06-14T09:33:00Z;SPECIALIST;;never;;;;;\n"
            + "r5;2025-06;\"broken;GP;;never;;;;;\n";

    private int ingest(String partner, Path file) {
        return MedPulseCommand.execute("ingest", "--partner", partner, "--bootstrap", STACK.bootstrapServers(),
                "--registry", registry, file.toString());
    }

    private static List<SurveyResponse> expected(String partner, Path file) throws Exception {
        ResponseValidator validator = ResponseValidator.of(IngestRules.of(partner, ZoneId.of("Europe/Paris"), Instant.now()));
        try (var rows = PartnerFile.open(file, w -> { }).rows()) {
            return rows.filter(SourceRow.class::isInstance).map(row -> validator.validate((SourceRow) row))
                    .filter(ValidRow.class::isInstance).map(outcome -> ((ValidRow) outcome).response()).toList();
        }
    }

    private static List<ConsumerRecord<String, SurveyResponse>> publishedBy(String partner) {
        return TopicContent.all(STACK, registry, Topics.SURVEY_RESPONSES).stream()
                .filter(r -> r.value().getPartnerId().equals(partner)).toList();
    }

    @Test
    void anIngestedFileReadsBackThroughTheSerdeAsItsRows() throws Exception {
        Path file = dir.resolve("export.csv");
        Files.writeString(file, FRENCH_EXPORT, StandardCharsets.UTF_8);

        assertThat(ingest("panel-fr", file)).isZero();

        List<SurveyResponse> expected = expected("panel-fr", file);
        assertThat(expected).extracting(SurveyResponse::getRespondentId).containsExactly("r2", "r3", "r4");
        List<ConsumerRecord<String, SurveyResponse>> records = publishedBy("panel-fr");
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("panel-fr/" + r.value().getRespondentId()));
        assertThat(Files.readAllLines(dir.resolve("export.csv.rejects.csv")))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("2,setting,\"unknown setting 'cabinet'"))
                .anySatisfy(line -> assertThat(line).startsWith("7,,\"broken quoting"));
    }

    @Test
    void reIngestingAFilePublishesTheSameIds() throws Exception {
        Path file = dir.resolve("again.csv");
        Files.writeString(file, FRENCH_EXPORT, StandardCharsets.UTF_8);

        assertThat(ingest("panel-again", file)).isZero();
        assertThat(ingest("panel-again", file)).isZero();

        List<ConsumerRecord<String, SurveyResponse>> records = publishedBy("panel-again");
        Map<String, Long> copiesById = records.stream().collect(Collectors.groupingBy(
                r -> r.value().getResponseId(), Collectors.counting()));
        assertThat(copiesById).hasSize(3).allSatisfy((id, copies) -> assertThat(copies).isEqualTo(2));
        assertThat(records.stream().map(ConsumerRecord::value).distinct()).hasSize(3);
    }

    /**
     * Partners that send minutes only: a correction within the same minute, in a later file, used
     * to get the original's derived id and be dropped downstream as a redelivery.
     */
    @Test
    void aCorrectionInTheSameMinuteInALaterFileGetsItsOwnIdAndReIngestingGivesTheSameIds() throws Exception {
        String header = "respondent_id,wave,submitted_at,practice_type,usage_frequency\n";
        Path original = dir.resolve("original.csv");
        Files.writeString(original, header + "c1,2025-06,2025-06-14 09:30,GP,WEEKLY\n");
        Path correction = dir.resolve("correction.csv");
        Files.writeString(correction, header + "c1,2025-06,2025-06-14 09:30,GP,DAILY\n");

        assertThat(ingest("panel-correct", original)).isZero();
        assertThat(ingest("panel-correct", correction)).isZero();
        assertThat(ingest("panel-correct", original)).isZero();

        List<SurveyResponse> published = publishedBy("panel-correct").stream().map(ConsumerRecord::value).toList();
        assertThat(published).hasSize(3);
        String originalId = published.stream().filter(r -> r.getUsageFrequency() == UsageFrequency.WEEKLY)
                .map(SurveyResponse::getResponseId).distinct().collect(Collectors.toList()).get(0);
        String correctionId = published.stream().filter(r -> r.getUsageFrequency() == UsageFrequency.DAILY)
                .map(SurveyResponse::getResponseId).findFirst().orElseThrow();
        assertThat(published.stream().map(SurveyResponse::getResponseId))
                .containsExactlyInAnyOrder(originalId, correctionId, originalId);
        assertThat(correctionId).isNotEqualTo(originalId);
        // Downstream the tie at the same instant goes to the larger id, whichever file came last.
        long at = Instant.parse("2025-06-14T07:30:00Z").toEpochMilli();
        String larger = originalId.compareTo(correctionId) > 0 ? originalId : correctionId;
        String smaller = larger.equals(originalId) ? correctionId : originalId;
        assertThat(latest(smaller, at).isSupersededBy(at, larger)).isTrue();
        assertThat(latest(larger, at).isSupersededBy(at, smaller)).isFalse();
        assertThat(latest(larger, at).isSupersededBy(at, larger)).as("a redelivery").isFalse();
    }

    private static LatestResponse latest(String responseId, long submittedAt) {
        return LatestResponse.of(responseId, submittedAt, PracticeType.GENERAL_PRACTITIONER, PracticeSetting.OTHER,
                UsageFrequency.WEEKLY, List.of(), List.of(), List.of(), List.of(), null, 0);
    }

    @Test
    void jsonLinesFilesAreIngestedToo() throws Exception {
        Path file = dir.resolve("delivery.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"respondent_id\":\"j1\",\"wave\":\"2025-06\",\"submitted_at\":\"2025-06-14T09:30:00Z\","
                        + "\"practice_type\":\"GP\",\"usage_frequency\":\"DAILY\",\"use_cases\":[\"DIAGNOSIS\"],"
                        + "\"tools\":[{\"tool\":\"ChatGPT\",\"frequency\":\"DAILY\"}]}",
                "{\"respondent_id\":\"j2\",\"wave\":\"2025-06\"}",
                "not json"));
        assertThat(ingest("panel-json", file)).isZero();
        assertThat(publishedBy("panel-json")).extracting(ConsumerRecord::value)
                .containsExactlyElementsOf(expected("panel-json", file));
    }

    @Test
    void aFileMissingARequiredColumnExitsWith2AndPublishesNothing() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, FRENCH_EXPORT, StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "respondent_id,wave,submitted_at,usage_frequency\nr1,w,2025-06-14T09:30Z,DAILY\n");
        var before = TopicContent.endOffsets(STACK, Topics.SURVEY_RESPONSES);

        int exit = MedPulseCommand.execute("ingest", "--partner", "panel-bad", "--bootstrap", STACK.bootstrapServers(),
                "--registry", registry, good.toString(), bad.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(TopicContent.endOffsets(STACK, Topics.SURVEY_RESPONSES)).isEqualTo(before);
    }

    @Test
    void anUnreachableBrokerIsOneClearErrorNotAHang() throws Exception {
        Path file = dir.resolve("unreachable.csv");
        Files.writeString(file, FRENCH_EXPORT, StandardCharsets.UTF_8);
        int exit = MedPulseCommand.execute("ingest", "--partner", "p", "--bootstrap", "127.0.0.1:1",
                "--registry", "mock://unreachable", "--kafka-property", "max.block.ms=2000", file.toString());
        assertThat(exit).isEqualTo(1);
    }
}

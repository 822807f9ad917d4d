package org.medpulse.cli.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.producer.deadletter.DeadLetterRecords;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

class DlqCommandTest {

    static final List<ConsumerRecord<byte[], byte[]>> DEAD_LETTERS = List.of(
            DeadLetterRecords.corrupt(0, "acme/r-0"),
            DeadLetterRecords.unknownSchema(1, "acme/r-1"),
            DeadLetterRecords.invalid(2, "acme/ "));

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Properties> consumersCreated = new ArrayList<>();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private MockConsumer<byte[], byte[]> consumer = DeadLetterRecords.consumer(1, DEAD_LETTERS, List.of());
    private int producersCreated;
    private Function<Properties, Consumer<byte[], byte[]>> originalConsumers;
    private Function<Properties, Producer<byte[], byte[]>> originalProducers;

    @BeforeEach
    void useMocks() {
        originalConsumers = CommandSupport.deadLetterConsumers;
        originalProducers = CommandSupport.deadLetterProducers;
        CommandSupport.deadLetterConsumers = props -> {
            consumersCreated.add(props);
            return consumer;
        };
        CommandSupport.deadLetterProducers = props -> {
            producersCreated++;
            return producer;
        };
    }

    @AfterEach
    void restore() {
        CommandSupport.deadLetterConsumers = originalConsumers;
        CommandSupport.deadLetterProducers = originalProducers;
    }

    private int medpulse(String... args) {
        CommandLine command = MedPulseCommand.commandLine(false)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void listPrintsOneAlignedLinePerDeadLetterThenASummary() {
        assertThat(medpulse("dlq", "list", "--bootstrap", "broker:9092")).isZero();

        assertThat(out.toString().lines().toList()).containsExactly(
                "OFFSET  TIMESTAMP             SOURCE                      KEY                 REASON",
                "     0  2026-05-28T20:26:40Z  survey-responses:2:100      acme/r-0            UnreadableSurveyResponseException: "
                        + "topic survey-responses: Unknown magic byte 0x67",
                "     1  2026-05-28T20:26:41Z  survey-responses:2:101      acme/r-1            UnreadableSurveyResponseException: "
                        + "topic survey-responses: unknown schema id 42: the schema registry has no such schema",
                "     2  2026-05-28T20:26:42Z  survey-responses:2:102      acme/               "
                        + "InvalidSurveyResponseException: Invalid survey response: respondentId is empty",
                "3 dead letters in 'survey-responses-dlq' (offsets 0 to 2)");
        assertThat(err.toString()).isEmpty();
        assertThat(consumersCreated).singleElement()
                .satisfies(props -> assertThat(props).containsEntry("bootstrap.servers", "broker:9092"));
        assertThat(producersCreated).isZero();
    }

    @Test
    void listFiltersByReasonAndOffsets() {
        assertThat(medpulse("dlq", "list", "--reason", "UNREADABLE", "--from-offset", "1")).isZero();

        assertThat(out.toString().lines().toList()).hasSize(3)
                .last().isEqualTo("1 dead letter of 'survey-responses-dlq' (offsets 0 to 2) matches reason containing "
                        + "'UNREADABLE', offsets 1 to the end");
        assertThat(out.toString()).contains("unknown schema id 42").doesNotContain("magic byte");
    }

    @Test
    void listSaysWhenNothingMatches() {
        assertThat(medpulse("dlq", "list", "--reason", "nothing like it")).isZero();

        assertThat(out.toString()).isEqualTo("no dead letter in 'survey-responses-dlq' (offsets 0 to 2) matches reason "
                + "containing 'nothing like it'" + System.lineSeparator());
    }

    @Test
    void listAsJsonLinesWritesOneObjectPerDeadLetterAndNothingElse() throws Exception {
        assertThat(medpulse("dlq", "list", "--json", "--to-offset", "1")).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(1)).get("offset").asLong()).isEqualTo(1);
        assertThat(json.readTree(lines.get(1)).get("key").asText()).isEqualTo("acme/r-1");
        assertThat(json.readTree(lines.get(0)).get("exception").asText())
                .isEqualTo("org.medpulse.streams.errors.UnreadableSurveyResponseException");
    }

    @Test
    void aMissingDeadLetterTopicIsOneLineAndExitCodeTwo() {
        consumer = new MockConsumer<>("earliest");

        assertThat(medpulse("dlq", "list", "--topic", "elsewhere-dlq", "--bootstrap", "broker:9092")).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("medpulse dlq list: topic 'elsewhere-dlq' does not exist on broker:9092 "
                + "(the streams application and the local stack create it)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void replayPrintsWhatItReplayedAndWhere() {
        assertThat(medpulse("dlq", "replay", "--offsets", "1,2")).isZero();

        assertThat(out.toString().lines().toList()).containsExactly(
                "replayed 1 -> survey-responses:0:0  key acme/r-1  (UnreadableSurveyResponseException: topic survey-responses: "
                        + "unknown schema id 42: the schema registry has no such schema)",
                "replayed 2 -> survey-responses:0:1  key acme/   (InvalidSurveyResponseException: Invalid survey "
                        + "response: respondentId is empty)",
                "replayed 2 dead letters of 'survey-responses-dlq' to survey-responses");
        assertThat(producer.history()).extracting(r -> r.value())
                .containsExactly(DEAD_LETTERS.get(1).value(), DEAD_LETTERS.get(2).value());
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void replayToAnotherTopic() {
        consumer.updatePartitions("survey-responses-retry", List.of(new PartitionInfo(
                "survey-responses-retry", 0, null, null, null)));

        assertThat(medpulse("dlq", "replay", "--reason", "magic byte", "--to", "survey-responses-retry")).isZero();

        assertThat(producer.history()).singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo("survey-responses-retry"));
        assertThat(out.toString()).endsWith("replayed 1 dead letter of 'survey-responses-dlq' to survey-responses-retry"
                + System.lineSeparator());
    }

    @Test
    void aDryRunPublishesNothingAndMakesNoProducer() {
        assertThat(medpulse("dlq", "replay", "--all", "--dry-run")).isZero();

        assertThat(out.toString().lines().toList()).hasSize(4).startsWith(
                "would replay 0 -> survey-responses  key acme/r-0  (UnreadableSurveyResponseException: topic survey-responses: "
                        + "Unknown magic byte 0x67)")
                .last().isEqualTo("dry run: 3 dead letters of 'survey-responses-dlq' would be replayed to "
                        + "survey-responses; nothing was published");
        assertThat(producersCreated).isZero();
    }

    @Test
    void unknownOffsetsAndEmptySelectionsReplayNothingWithExitCodeTwo() {
        assertThat(medpulse("dlq", "replay", "--offsets", "1,5")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("medpulse dlq replay: no dead letter at offset 5 in 'survey-responses-dlq' "
                + "(offsets 0 to 2); nothing was replayed" + System.lineSeparator());
        assertThat(producer.history()).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(medpulse("dlq", "replay")).isEqualTo(2);
        assertThat(err.toString()).startsWith("medpulse dlq replay: Error: Missing required argument");

        assertThat(medpulse("dlq", "replay", "--offsets", "3", "--from-offset", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("medpulse dlq replay: --from-offset and --to-offset go with --reason or "
                + "--all, not --offsets");

        assertThat(medpulse("dlq", "list", "--from-offset", "5", "--to-offset", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("medpulse dlq list: --from-offset 5 is after --to-offset 1");

        assertThat(medpulse("dlq")).isEqualTo(2);
        assertThat(err.toString()).contains("medpulse dlq: Missing required subcommand");
        assertThat(producer.history()).isEmpty();
    }
}

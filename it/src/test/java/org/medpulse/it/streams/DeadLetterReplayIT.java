package org.medpulse.it.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.WireFormat;
import org.medpulse.serde.registry.SchemaNotFoundException;
import org.medpulse.serde.registry.SchemaRegistryClient;
import org.medpulse.serde.registry.SchemaRegistryClients;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.errors.UnreadableSurveyResponseException;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.testing.Responses;
import org.medpulse.streams.testing.StoreContents;
import org.medpulse.testkit.GroupProgress;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.Sends;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code medpulse dlq} against the real streams application on a real broker and registry: a
 * corrupt record and a response written with a schema the registry does not know yet are
 * dead-lettered by the application itself; {@code dlq list} shows both with their reasons; once
 * the schema is registered (the cause fixed), {@code dlq replay} republishes the response byte for
 * byte with the replay header, the application counts it, and a second replay counts nothing
 * more. The corrupt record, replayed without a fix, comes back to the dead-letter topic marked
 * as a replay.
 */
class DeadLetterReplayIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final String APPLICATION_ID = "medpulse-dlq-it";
    private static final String WAVE = "2025-06";
    private static final String SUBJECT = Topics.SURVEY_RESPONSES + "-value";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run medpulse(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", STACK.bootstrapServers(), "--registry", STACK.registryUrl()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MedPulseCommand.commandLine(false).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void deadLettersAreListedAndAFixedOneIsReplayedByteForByteAndCountsOnce() throws Exception {
        StreamsSettings settings = StreamsSettings.of(Map.of(
                MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers(),
                MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, STACK.registryUrl(),
                MedPulseStreamsConfig.APPLICATION_ID, APPLICATION_ID,
                MedPulseStreamsConfig.STATE_DIR, stateDir.toString(),
                MedPulseStreamsConfig.HTTP_PORT, 0));
        STACK.createTopics(settings.streams().projectTopics());
        SchemaRegistryClient registry = SchemaRegistryClients.forUrl(STACK.registryUrl());

        try (StreamsApplication app = StreamsApplication.start(settings);
                Admin admin = Admin.create(STACK.clientProperties(Map.of()));
                Producer<String, SurveyResponse> responses = ResponseProducers.create(STACK.clientProperties(Map.of(
                        "schema.registry.url", STACK.registryUrl())));
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(STACK.clientProperties(Map.of(
                        ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            GroupProgress progress = new GroupProgress(admin, APPLICATION_ID, Topics.SURVEY_RESPONSES,
                    ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);

            // Five ordinary responses: the producer registers the schema.
            for (int i = 1; i <= 5; i++) {
                SurveyResponse response = Responses.response("acme", "r-" + i, WAVE).build();
                responses.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, ResponseKey.of(response), response)).get();
            }
            int registered = registry.getLatestSchema(SUBJECT).id();
            // A partner's evolved schema (one more optional field), registered elsewhere but not here yet.
            Schema evolved = withOptionalField(SurveyResponse.getClassSchema(), "panelNote");
            int evolvedId = registered + 1;
            assertThatThrownBy(() -> registry.getSchemaById(evolvedId)).isInstanceOf(SchemaNotFoundException.class);
            SurveyResponse late = Responses.response("acme", "r-late", WAVE).id("late-1").build();
            byte[] lateKey = ResponseKey.of(late).getBytes(UTF_8);
            byte[] lateValue = encode(late, evolved, evolvedId);
            ProducerRecord<byte[], byte[]> lateRecord = new ProducerRecord<>(Topics.SURVEY_RESPONSES, lateKey, lateValue);
            lateRecord.headers().add("trace-id", "late-trace".getBytes(UTF_8));
            Sends.all(raw, List.of(
                    new ProducerRecord<>(Topics.SURVEY_RESPONSES, "acme/r-corrupt".getBytes(UTF_8),
                            "not a survey response".getBytes(UTF_8)),
                    lateRecord));

            // The application dead-letters both and counts the five.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> listJson().size() == 2 && progress.caughtUp());
            // Their source partitions differ, so either may come first.
            List<JsonNode> deadLetters = listJson();
            JsonNode corrupt = byKey(deadLetters, "acme/r-corrupt");
            JsonNode unknownSchema = byKey(deadLetters, "acme/r-late");
            assertThat(corrupt.get("message").asText()).contains("Unknown magic byte");
            assertThat(unknownSchema.get("exception").asText())
                    .isEqualTo(UnreadableSurveyResponseException.class.getName());
            assertThat(unknownSchema.get("message").asText()).contains("unknown schema id " + evolvedId);
            assertThat(unknownSchema.get("source").get("topic").asText()).isEqualTo(Topics.SURVEY_RESPONSES);
            assertThat(unknownSchema.get("timestampType").asText()).isEqualTo("LogAppendTime");
            long lateOffset = unknownSchema.get("offset").asLong();
            long corruptOffset = corrupt.get("offset").asLong();
            assertThat(respondents(app)).isEqualTo(5);

            Run list = medpulse("dlq", "list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            List<String> lines = list.out().lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("OFFSET  TIMESTAMP");
            assertThat(lines.get(corruptOffset < lateOffset ? 1 : 2)).contains(" " + corruptOffset + "  ", "acme/r-corrupt",
                    "UnreadableSurveyResponseException: ", "Unknown magic byte");
            assertThat(lines.get(corruptOffset < lateOffset ? 2 : 1)).contains(" " + lateOffset + "  ", "acme/r-late",
                    "survey-responses:" + unknownSchema.get("source").get("partition").asInt() + ":"
                            + unknownSchema.get("source").get("offset").asLong(),
                    "unknown schema id " + evolvedId);
            assertThat(lines.get(3)).startsWith("2 dead letters in 'survey-responses-dlq' (offsets ");
            Run filtered = medpulse("dlq", "list", "--reason", "unknown schema");
            assertThat(filtered.out().lines().toList()).hasSize(3).element(1).asString().contains("acme/r-late");

            // Clear refusals, and nothing published.
            Map<TopicPartition, Long> beforeReplays = endOffsets(Topics.SURVEY_RESPONSES);
            Run unknown = medpulse("dlq", "replay", "--offsets", lateOffset + ",999");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).startsWith("medpulse dlq replay: no dead letter at offset 999 in "
                    + "'survey-responses-dlq' (offsets ").contains("nothing was replayed");
            Run nothing = medpulse("dlq", "replay", "--reason", "no such reason");
            assertThat(nothing.exitCode()).isEqualTo(2);
            assertThat(nothing.err()).contains("matches reason containing 'no such reason'; nothing was replayed");
            Run missing = medpulse("dlq", "list", "--topic", "no-such-dlq");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("topic 'no-such-dlq' does not exist");
            Run dryRun = medpulse("dlq", "replay", "--reason", "unknown schema id", "--dry-run");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).startsWith("would replay " + lateOffset + " -> survey-responses  key acme/r-late  (")
                    .contains("nothing was published");
            assertThat(endOffsets(Topics.SURVEY_RESPONSES)).isEqualTo(beforeReplays);

            // The cause fixed: the partner's schema registered, under the id the record carries.
            assertThat(registry.register(SUBJECT, evolved)).isEqualTo(evolvedId);
            Run replay = medpulse("dlq", "replay", "--offsets", Long.toString(lateOffset));
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).startsWith("replayed " + lateOffset + " -> survey-responses:")
                    .contains("key acme/r-late", "replayed 1 dead letter of 'survey-responses-dlq' to survey-responses");

            List<ConsumerRecord<byte[], byte[]>> republished = after(Topics.SURVEY_RESPONSES, beforeReplays);
            assertThat(republished).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(lateKey);
                assertThat(record.value()).isEqualTo(lateValue);
                assertThat(header(record, "medpulse.replayed.from")).isEqualTo("survey-responses-dlq:0:" + lateOffset);
                assertThat(header(record, "trace-id")).isEqualTo("late-trace");
                assertThat(record.headers().toArray()).extracting(Header::key)
                        .noneMatch(key -> key.startsWith("__streams.errors."));
            });
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> respondents(app) == 6 && latest(app).containsKey(WAVE + "|acme|r-late"));
            assertThat(latest(app).get(WAVE + "|acme|r-late").responseId()).isEqualTo("late-1");

            // Replaying it again is harmless: the same response id counts once.
            assertThat(medpulse("dlq", "replay", "--offsets", Long.toString(lateOffset)).exitCode()).isZero();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(progress::caughtUp);
            assertThat(respondents(app)).isEqualTo(6);

            // The corrupt record cannot be fixed: replayed, it is dead-lettered again, marked as a replay.
            assertThat(medpulse("dlq", "replay", "--offsets", Long.toString(corruptOffset)).exitCode()).isZero();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> listJson().size() == 3);
            JsonNode again = listJson().get(2);
            assertThat(again.get("key").asText()).isEqualTo("acme/r-corrupt");
            assertThat(again.get("replayOf").asText()).isEqualTo("survey-responses-dlq:0:" + corruptOffset);
            assertThat(medpulse("dlq", "list", "--from-offset", again.get("offset").asText()).out())
                    .contains("[replay of survey-responses-dlq:0:" + corruptOffset + "]");
            assertThat(listJson()).hasSize(3);
        }
    }

    private static List<JsonNode> listJson() throws IOException {
        Run list = medpulse("dlq", "list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : list.out().lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static JsonNode byKey(List<JsonNode> deadLetters, String key) {
        return deadLetters.stream().filter(d -> d.get("key").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with key " + key + " in " + deadLetters));
    }

    private static long respondents(StreamsApplication app) {
        var wave = contents(app).waves().get(WAVE);
        return wave == null ? 0 : wave.respondents();
    }

    private static Map<String, LatestResponse> latest(StreamsApplication app) {
        return contents(app).latest();
    }

    private static StoreContents contents(StreamsApplication app) {
        return StoreContents.read(name -> app.streams().store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())));
    }

    /** {@code schema} with one more field, an optional string defaulting to null: a compatible evolution. */
    private static Schema withOptionalField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "A partner's note", JsonProperties.NULL_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** {@code response} in the wire format, written with {@code writer} under schema id {@code id}. */
    private static byte[] encode(SurveyResponse response, Schema writer, int id) throws IOException {
        GenericRecord record = new GenericData.Record(writer);
        for (Schema.Field field : response.getSchema().getFields()) {
            record.put(field.name(), response.get(field.pos()));
        }
        record.put("panelNote", "sent before the schema was registered");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(WireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<GenericRecord>(writer, SpecificData.getForClass(SurveyResponse.class)).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            return consumer.endOffsets(partitions(consumer, topic));
        }
    }

    /** The records of {@code topic} after {@code from}, as bytes. */
    private static List<ConsumerRecord<byte[], byte[]>> after(String topic, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return records;
        }
    }

    private static KafkaConsumer<byte[], byte[]> rawConsumer() {
        return new KafkaConsumer<>(STACK.clientProperties(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }
}

package org.medpulse.it.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.devstack.registry.TestSchemas.LABEL;
import static org.medpulse.devstack.registry.TestSchemas.REGION;
import static org.medpulse.devstack.registry.TestSchemas.V1;
import static org.medpulse.devstack.registry.TestSchemas.WAVE_ID;
import static org.medpulse.devstack.registry.TestSchemas.wave;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.devstack.registry.RegistryHttp;
import org.medpulse.devstack.registry.SchemaRegistryServer;
import org.medpulse.schemas.Topics;
import org.medpulse.testkit.LocalStackExtension;

/**
 * The registry stored in a real broker's compacted topic: what it creates, what it writes (in
 * Confluent's format), what it reads back after a restart, and what it refuses. Each test keeps
 * its registry in a topic of its own on the class's broker.
 */
class KafkaBackedRegistryIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final String V2 = wave(WAVE_ID, LABEL, REGION);

    private String topic;

    @BeforeEach
    void nameTopic(TestInfo test) {
        topic = "schemas-" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void createsTheSchemasTopicCompactedWithOnePartition() throws Exception {
        RegistryHttp http = new RegistryHttp(STACK.registryUrl());
        assertThat(http.register("waves-value", V1).id()).isPositive();

        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(Topics.SCHEMAS)).allTopicNames().get()
                    .get(Topics.SCHEMAS);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SCHEMAS);
            String cleanup = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();

            assertThat(description.partitions()).hasSize(1);
            assertThat(cleanup).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void keepsSchemasVersionsIdsAndLevelsAcrossARestart() {
        int v1;
        int v2;
        try (SchemaRegistryServer registry = SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic)) {
            RegistryHttp http = new RegistryHttp(registry.url());
            v1 = http.register("waves-value", V1).id();
            v2 = http.register("waves-value", V2).id();
            http.register("rounds-value", V1).id();
            http.register("rounds-value", wave(WAVE_ID)).id();
            http.delete("/subjects/rounds-value/versions/1").isOk();
            http.setLevel("waves-value", "FULL").isOk();
            http.put("/config", "{\"compatibility\":\"NONE\"}").isOk();
        }

        try (SchemaRegistryServer restarted = SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic)) {
            RegistryHttp http = new RegistryHttp(restarted.url());

            assertThat(http.get("/subjects").json()).hasToString("[\"rounds-value\",\"waves-value\"]");
            assertThat(http.get("/subjects/waves-value/versions").json()).hasToString("[1,2]");
            assertThat(http.get("/subjects/waves-value/versions/1").json().get("id").asInt()).isEqualTo(v1);
            assertThat(http.get("/subjects/waves-value/versions/2").json().get("id").asInt()).isEqualTo(v2);
            assertThat(http.get("/schemas/ids/" + v2 + "/schema").json()).isEqualTo(RegistryHttp.tree(V2));
            assertThat(http.get("/subjects/rounds-value/versions").json()).hasToString("[2]");
            assertThat(http.get("/subjects/rounds-value/versions?deleted=true").json()).hasToString("[1,2]");
            assertThat(http.get("/config/waves-value").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("NONE");
            assertThat(http.register("waves-value", V2).id()).as("same schema, same id").isEqualTo(v2);
            assertThat(http.register("other-value", wave(LABEL)).id()).as("new ids continue after the max")
                    .isEqualTo(4);
        }
    }

    @Test
    void neverReusesTheIdOfAPermanentlyDeletedSchemaAfterARestart() {
        try (SchemaRegistryServer registry = SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic)) {
            RegistryHttp http = new RegistryHttp(registry.url());
            http.register("waves-value", V1).id();
            assertThat(http.register("rounds-value", V2).id()).isEqualTo(2);
            http.delete("/subjects/rounds-value").isOk();
            http.delete("/subjects/rounds-value?permanent=true").isOk();
        }

        try (SchemaRegistryServer restarted = SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic)) {
            RegistryHttp http = new RegistryHttp(restarted.url());

            http.get("/subjects/rounds-value/versions?deleted=true").isError(404, 40401);
            http.get("/schemas/ids/2").isError(404, 40403);
            assertThat(http.register("rounds-value", wave(LABEL)).id()).isEqualTo(3);
        }
    }

    @Test
    void writesEachChangeInConfluentsFormatBeforeAcknowledgingIt() {
        try (SchemaRegistryServer registry = SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic)) {
            RegistryHttp http = new RegistryHttp(registry.url());
            http.register("waves-value", "\"string\"").id();
            http.setLevel("waves-value", "FULL").isOk();
            http.put("/config", "{\"compatibility\":\"NONE\"}").isOk();
            http.delete("/subjects/waves-value").isOk();
            http.delete("/subjects/waves-value?permanent=true").isOk();
            http.delete("/config").isOk();

            // Read right after the last acknowledgement: everything must already be in the topic.
            assertThat(readTopic()).containsExactly(
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"waves-value\",\"version\":1,\"magic\":1}"
                            + " => {\"subject\":\"waves-value\",\"version\":1,\"id\":1,\"schema\":\"\\\"string\\\"\","
                            + "\"deleted\":false}",
                    "{\"keytype\":\"CONFIG\",\"subject\":\"waves-value\",\"magic\":0}"
                            + " => {\"compatibilityLevel\":\"FULL\"}",
                    "{\"keytype\":\"CONFIG\",\"magic\":0} => {\"compatibilityLevel\":\"NONE\"}",
                    "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"waves-value\",\"magic\":0}"
                            + " => {\"subject\":\"waves-value\",\"version\":1}",
                    "{\"keytype\":\"SCHEMA\",\"subject\":\"waves-value\",\"version\":1,\"magic\":1} => null",
                    "{\"keytype\":\"CONFIG\",\"subject\":\"waves-value\",\"magic\":0} => null",
                    "{\"keytype\":\"CONFIG\",\"magic\":0} => null");
        }
    }

    @Test
    void readsATopicWrittenByConfluentSchemaRegistry() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
        produce(
                "{\"keytype\":\"NOOP\",\"magic\":0}", null,
                "{\"keytype\":\"SCHEMA\",\"subject\":\"legacy-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"legacy-value\",\"version\":1,\"id\":7,\"schemaType\":\"AVRO\","
                        + "\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Legacy\\\",\\\"fields\\\":[]}\","
                        + "\"deleted\":false}",
                "{\"keytype\":\"SCHEMA\",\"subject\":\"proto-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"proto-value\",\"version\":1,\"id\":9,\"schemaType\":\"PROTOBUF\","
                        + "\"schema\":\"syntax = \\\"proto3\\\";\",\"deleted\":false}",
                "{\"keytype\":\"MODE\",\"magic\":0}", "{\"mode\":\"READWRITE\"}",
                "{\"keytype\":\"CONFIG\",\"magic\":0}", "{\"compatibilityLevel\":\"FULL\",\"normalize\":false}",
                "not json", "{}");

        try (SchemaRegistryServer registry = SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic)) {
            RegistryHttp http = new RegistryHttp(registry.url());

            assertThat(http.get("/subjects").json()).hasToString("[\"legacy-value\"]");
            assertThat(http.get("/schemas/ids/7").isOk().json().get("schema").asText()).contains("Legacy");
            assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.register("new-value", V1).id()).isEqualTo(8);
        }
    }

    @Test
    void refusesATopicWithMoreThanOnePartition() {
        STACK.createTopic(topic, 2);

        assertThatThrownBy(() -> SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("exactly 1 partition");
    }

    @Test
    void refusesATopicThatIsNotCompacted() {
        STACK.createTopic(topic, 1);

        assertThatThrownBy(() -> SchemaRegistryServer.kafkaBacked(0, STACK.bootstrapServers(), topic))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cleanup.policy=compact");
    }

    private static Admin admin() {
        return Admin.create(STACK.clientProperties(Map.of()));
    }

    /** Every record of the topic as "key => value". */
    private List<String> readTopic() {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(STACK.clientProperties(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + " => " + record.value());
                }
            }
            return records;
        }
    }

    /** Produces key, value pairs (a null value is a tombstone) and waits for them to be written. */
    private void produce(String... keysAndValues) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(STACK.clientProperties(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)))) {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                producer.send(new ProducerRecord<>(topic, 0, keysAndValues[i], keysAndValues[i + 1]));
            }
            producer.flush();
        }
        assertThat(readTopic()).hasSize(keysAndValues.length / 2);
    }
}

package org.medpulse.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    private static final String TOPIC = "wave-2025-q1";

    @TempDir
    Path tmp;

    @Test
    void servesProduceAndConsumeAndKeepsDataAndClusterIdAcrossRestart() throws Exception {
        Path dataDirectory = tmp.resolve("kafka");
        String clusterId;
        int firstPort;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory))) {
            clusterId = broker.clusterId();
            firstPort = broker.kafkaPort();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            }
            produce(broker, "GP-1", "responded", "GP-2", "responded", "SPEC-7", "declined");
            assertThat(consumeAll(broker, "first-start", 3))
                    .containsExactlyInAnyOrder("GP-1=responded", "GP-2=responded", "SPEC-7=declined");
        }
        assertThat(LocalPorts.isFree(firstPort)).as("port released on close").isTrue();
        assertThat(dataDirectory.resolve("meta.properties")).exists();

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory))) {
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", restarted.bootstrapServers()))) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                assertThat(admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions())
                        .hasSize(2);
            }
            assertThat(consumeAll(restarted, "after-restart", 3))
                    .containsExactlyInAnyOrder("GP-1=responded", "GP-2=responded", "SPEC-7=declined");
        }
    }

    @Test
    void picksDistinctFreePortsWhenAskedForPortZero() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(tmp.resolve("kafka"))
                .withKafkaPort(BrokerOptions.FREE_PORT).withControllerPort(BrokerOptions.FREE_PORT))) {
            assertThat(broker.kafkaPort()).isPositive().isNotEqualTo(broker.controllerPort());
            assertThat(broker.controllerPort()).isPositive();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.kafkaPort());
            assertThat(LocalPorts.isFree(broker.kafkaPort())).isFalse();
        }
    }

    @Test
    void listensOnTheChosenPortWithTheChosenClusterId() {
        int port = LocalPorts.free(1).get(0);
        String clusterId = Uuid.randomUuid().toString();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(tmp.resolve("kafka"))
                .withKafkaPort(port).withClusterId(clusterId))) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(broker.clusterId()).isEqualTo(clusterId);
        }
    }

    @Test
    void refusesATakenPortWithAClearMessageAndLeavesTheDataDirectoryAlone() throws IOException {
        Path dataDirectory = tmp.resolve("kafka");
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory).withKafkaPort(taken)))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("Kafka port " + taken + " on 127.0.0.1 is already in use "
                            + "(is another broker, registry or medpulse stack running?)");
        }
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void reportsAPortTakenAfterTheCheckAsTakenToo() throws IOException {
        // Kafka's own bind failure (the port grabbed between our check and its bind), forced here by
        // pointing the listener itself at a taken port.
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            int controllerPort = LocalPorts.free(1).get(0);
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(tmp.resolve("kafka"))
                    .withControllerPort(controllerPort)
                    .withBrokerProperty("listeners", "PLAINTEXT://127.0.0.1:" + taken
                            + ",CONTROLLER://127.0.0.1:" + controllerPort)))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith("Kafka port " + taken + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void refusesADataDirectoryInUseByAnotherBroker() {
        Path dataDirectory = tmp.resolve("kafka");
        try (EmbeddedKafkaBroker running = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory)))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessage("Data directory " + dataDirectory + " is in use by another Kafka broker "
                            + "(is a medpulse stack already running on it?)");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", running.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(admin.describeCluster().clusterId().get()).isEqualTo(running.clusterId()));
            }
        }
    }

    @Test
    void refusesADataDirectoryFormattedForAnotherCluster() {
        Path dataDirectory = tmp.resolve("kafka");
        String original;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory))) {
            original = broker.clusterId();
        }
        String other = Uuid.randomUuid().toString();
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory).withClusterId(other)))
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Data directory " + dataDirectory + " belongs to Kafka cluster " + original
                        + ", not " + other + "; use another directory or remove this one to start afresh");
    }

    @Test
    void refusesADataDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a directory");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(file)))
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Data directory " + file + " is a file, not a directory");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(file.resolve("kafka"))))
                .isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("Cannot create data directory " + file.resolve("kafka"));
    }

    @Test
    void refusesADataDirectoryItCannotWrite() throws IOException {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        locked.toFile().setWritable(false, false);
        assumeFalse(Files.isWritable(locked), "permissions are not enforced for this user (root?)");
        try {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(locked)))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessage("Data directory " + locked + " is not writable");
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(locked.resolve("kafka"))))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessage("Cannot create data directory " + locked.resolve("kafka")
                            + ": permission denied on " + locked.resolve("kafka"));
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    @Test
    void refusesANonEmptyDirectoryWithoutKafkaData() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "\\documentclass{article}");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(home)))
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Data directory " + home + " holds other files (thesis.tex) but no Kafka data; "
                        + "use a new or empty directory");
        try (var left = Files.list(home)) {
            assertThat(left).containsExactly(home.resolve("thesis.tex"));
        }
    }

    @Test
    void reportsInvalidBrokerSettingsAsSuch() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(tmp.resolve("kafka"))
                .withBrokerProperty("num.io.threads", "many")))
                .isInstanceOf(ServerStartException.class)
                .hasMessageStartingWith("Invalid Kafka broker settings: ")
                .hasMessageContaining("num.io.threads");
    }

    private static void produce(EmbeddedKafkaBroker broker, String... keyValues) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < keyValues.length; i += 2) {
                producer.send(new ProducerRecord<>(TOPIC, keyValues[i], keyValues[i + 1])).get();
            }
        }
    }

    private static List<String> consumeAll(EmbeddedKafkaBroker broker, String group, int expected) {
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }
}

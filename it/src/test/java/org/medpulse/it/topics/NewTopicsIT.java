package org.medpulse.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.cluster.NewTopics;
import org.medpulse.devstack.kafka.BrokerOptions;
import org.medpulse.devstack.kafka.EmbeddedKafkaBroker;

/**
 * {@link NewTopics} on the embedded broker (Kafka 4.3, which has KAFKA-15591): an idempotent
 * producer that starts right after a topic is created loses nothing once the topic is writable.
 * Without the wait this test loses batches on most rounds here.
 */
class NewTopicsIT {

    private static final int PARTITIONS = 6;
    private static final int ROUNDS = 4;
    private static final int RESPONSES = 20_000;

    @TempDir
    static Path dataDirectory;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(dataDirectory));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aProducerStartingAsSoonAsTheNewTopicIsWritableLosesNoBatch() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            for (int round = 0; round < ROUNDS; round++) {
                String topic = "wave-" + round;
                CreateTopicsResult created = admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)));
                created.all().get();

                NewTopics.awaitWritable(admin, created, List.of(topic), Duration.ofSeconds(30));

                List<Exception> failures = produce(topic);
                assertThat(failures).as("failed sends in round %d", round).isEmpty();
                assertThat(endOffsets(topic)).as("records in round %d", round).isEqualTo(RESPONSES);
            }
        }
    }

    @Test
    void aTopicThatWasNotCreatedIsReportedByName() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("wave-existing", 1, (short) 1))).all().get();
            CreateTopicsResult again = admin.createTopics(List.of(new NewTopic("wave-existing", 1, (short) 1)));

            assertThatThrownBy(() -> NewTopics.awaitWritable(admin, again, List.of("wave-existing"), Duration.ofSeconds(10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("wave-existing")
                    .hasMessageContaining("already exists");
        }
    }

    // A short delivery timeout turns a lost batch into a failed send within the test.
    private static List<Exception> produce(String topic) {
        List<Exception> failures = new CopyOnWriteArrayList<>();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        byte[] answer = new byte[300];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int respondent = 0; respondent < RESPONSES; respondent++) {
                producer.send(new ProducerRecord<>(topic, ("respondent-" + respondent).getBytes(), answer),
                        (metadata, e) -> {
                            if (e != null) {
                                failures.add(e);
                            }
                        });
            }
            producer.flush();
        }
        return new ArrayList<>(failures);
    }

    private static long endOffsets(String topic) {
        List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}

package org.medpulse.devstack.registry.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.medpulse.cluster.NewTopics;
import org.medpulse.devstack.registry.core.SchemaStorage;
import org.medpulse.devstack.registry.core.SchemaStorageException;
import org.medpulse.devstack.registry.core.StoreRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry in a compacted, single-partition Kafka topic, as Confluent Schema Registry
 * does: the topic is created if missing, read to its end offset before the registry serves, and
 * every write is acknowledged by all in-sync replicas before the client hears back.
 *
 * <p>One registry instance owns the topic: unlike Confluent there is no leader election, so two
 * registries writing to the same topic would hand out the same ids.
 */
public final class KafkaSchemaStorage implements SchemaStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStorage.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);
    private static final String CLIENT_ID = "medpulse-schema-registry";

    private final String bootstrapServers;
    private final String topic;
    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaStorage(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /**
     * Storage in {@code topic} on {@code bootstrapServers}, creating the topic (one partition,
     * {@code cleanup.policy=compact}) if it does not exist.
     *
     * @throws IllegalStateException when Kafka cannot be reached, or the topic exists with more than
     *                               one partition or without compaction
     */
    public static KafkaSchemaStorage open(String bootstrapServers, String topic) {
        ensureTopic(bootstrapServers, topic);
        return new KafkaSchemaStorage(bootstrapServers, topic);
    }

    private static void ensureTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2))) {
            int brokers = get(admin.describeCluster().nodes()).size();
            short replication = (short) Math.min(3, brokers);
            NewTopic newTopic = new NewTopic(topic, 1, replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                CreateTopicsResult created = admin.createTopics(List.of(newTopic));
                get(created.all());
                NewTopics.awaitWritable(admin, created, List.of(topic), TIMEOUT);
                LOG.info("Created schema topic {} (1 partition, compacted, replication {})", topic, replication);
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            verifyExisting(admin, topic);
        }
    }

    /**
     * Refuses a topic Confluent would refuse too. A topic created a moment ago (by another process,
     * or by a previous run that died) may not be known yet to the broker answering: that is retried.
     */
    private static void verifyExisting(Admin admin, String topic) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                verifyLayout(admin, topic);
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(METADATA_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while checking the schema topic", e);
            }
        }
    }

    private static void verifyLayout(Admin admin, String topic) {
        TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("The schema topic " + topic + " must have exactly 1 partition but has "
                    + description.partitions().size());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
        ConfigEntry cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (cleanup == null || !cleanup.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new IllegalStateException("The schema topic " + topic + " must have cleanup.policy=compact"
                    + " (it has " + (cleanup == null ? "none" : cleanup.value()) + ")");
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up the schema topic", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot set up the schema topic: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    @Override
    public List<StoreRecord> readAll() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            Collection<TopicPartition> partitions = List.of(partition);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions, TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<StoreRecord> records = new ArrayList<>();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new SchemaStorageException("Could not read " + topic + " to its end offset " + end
                            + " within " + TIMEOUT.toSeconds() + " s", null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    decode(record, records);
                }
            }
            LOG.info("Read {} records from {} (end offset {})", records.size(), topic, end);
            return records;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new SchemaStorageException("Cannot read " + topic + ": " + e.getMessage(), e);
        }
    }

    private void decode(ConsumerRecord<byte[], byte[]> record, List<StoreRecord> records) {
        if (record.key() == null) {
            return;
        }
        try {
            SchemasTopicFormat.decode(record.key(), record.value()).ifPresent(records::add);
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable record at offset {} of {}: {}", record.offset(), topic, e.getMessage());
        }
    }

    @Override
    public void write(StoreRecord record) {
        SchemasTopicFormat.Encoded encoded = SchemasTopicFormat.encode(record);
        try {
            producer.send(new ProducerRecord<>(topic, 0, encoded.key(), encoded.value()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaStorageException("Interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new SchemaStorageException("Cannot write to " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new SchemaStorageException("Cannot write to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return "topic " + topic + " on " + bootstrapServers;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

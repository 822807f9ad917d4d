package org.medpulse.cluster;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Secrets that every instance of an application must share, kept in the cluster itself so that
 * instances started with no configuration agree on them: a one-partition topic holds one record
 * per secret (key: its name, value: 32 random bytes, Base64), never deleted nor compacted. The
 * first record of a name wins: an instance that finds a secret missing writes a fresh one, then
 * reads the topic again, so instances starting together all take the one written first.
 *
 * <p>Whoever can read this topic knows the secrets: give it the ACLs of the survey topics (an
 * application's principal usually holds the prefix {@code <application.id>-} already), so that it
 * is readable only by whoever can already read the responses themselves.
 */
public final class SharedSecrets {

    /** Random bytes in a secret this class writes. */
    public static final int SECRET_BYTES = 32;
    /** The fewest characters a secret may have, however it was given. */
    public static final int MIN_SECRET_CHARS = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SharedSecrets() {
    }

    /** The topic's definition: one partition (one order for every writer), kept for ever. */
    public static NewTopic topic(String name) {
        return new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
    }

    /**
     * The secrets {@code names} as every instance using {@code topic} sees them, written first when
     * missing; the topic is created when missing.
     *
     * @param clients the settings of a client of the cluster (bootstrap servers, security)
     * @throws IllegalStateException if the cluster does not answer within {@code timeout}, or a
     *         secret in the topic is too short to be one
     */
    public static Map<String, String> agree(Map<String, Object> clients, String topic, Collection<String> names,
                                            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            try (Admin admin = Admin.create(clients)) {
                createIfMissing(admin, topic, deadline);
            }
            Map<String, String> found = read(clients, topic, deadline);
            Set<String> missing = new LinkedHashSet<>(names);
            missing.removeAll(found.keySet());
            if (!missing.isEmpty()) {
                write(clients, topic, missing, deadline);
                found = read(clients, topic, deadline);
            }
            Map<String, String> secrets = new HashMap<>();
            for (String name : names) {
                String secret = found.get(name);
                if (secret == null || secret.length() < MIN_SECRET_CHARS) {
                    throw new IllegalStateException("The secret '" + name + "' in topic " + topic
                            + (secret == null ? " is missing after it was written" : " is shorter than " + MIN_SECRET_CHARS
                            + " characters"));
                }
                secrets.put(name, secret);
            }
            return Map.copyOf(secrets);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the shared secrets in " + topic + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("Cannot read the shared secrets in " + topic + ": Kafka did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the shared secrets in " + topic, e);
        }
    }

    private static void createIfMissing(Admin admin, String topic, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (admin.listTopics().names().get(remaining(deadline), TimeUnit.NANOSECONDS).contains(topic)) {
            return;
        }
        CreateTopicsResult created = admin.createTopics(List.of(topic(topic)));
        try {
            created.all().get(remaining(deadline), TimeUnit.NANOSECONDS);
            NewTopics.awaitWritable(admin, created, List.of(topic), Duration.ofNanos(remaining(deadline)));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The first value of each name, from the beginning of the topic to its end now. */
    private static Map<String, String> read(Map<String, Object> clients, String topic, long deadline) {
        Map<String, Object> config = new HashMap<>(clients);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, String> first = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofNanos(remaining(deadline))).get(partition);
            while (consumer.position(partition, Duration.ofNanos(remaining(deadline))) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(Math.min(500, remaining(deadline) / 1_000_000)))) {
                    if (record.key() != null && record.value() != null) {
                        first.putIfAbsent(new String(record.key(), StandardCharsets.UTF_8),
                                new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                remaining(deadline);
            }
        }
        return first;
    }

    private static void write(Map<String, Object> clients, String topic, Set<String> names, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Object> config = new HashMap<>(clients);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String name : names) {
                byte[] secret = new byte[SECRET_BYTES];
                RANDOM.nextBytes(secret);
                producer.send(new ProducerRecord<>(topic, 0, name.getBytes(StandardCharsets.UTF_8),
                        Base64.getEncoder().encode(secret))).get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
        }
    }

    private static long remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new org.apache.kafka.common.errors.TimeoutException("deadline passed");
        }
        return left;
    }
}

package org.medpulse.cli.dev.demo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a Kafka Streams application has processed a topic up to its current end: its group's
 * committed offsets (committed with the state under exactly-once) reach every partition's end.
 */
final class ProcessingProgress {

    private static final Duration POLL = Duration.ofMillis(200);

    private ProcessingProgress() {
    }

    static void awaitCaughtUp(String bootstrapServers, String groupId, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "medpulse-demo-progress"))) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topic, timeout);
            while (!caughtUp(admin, groupId, ends, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The streams application has not processed " + topic
                            + " within " + timeout.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the streams application", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the progress of " + groupId + " on " + topic + ": "
                    + e.getMessage(), e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static boolean caughtUp(Admin admin, String groupId, Map<TopicPartition, Long> ends, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
    }
}

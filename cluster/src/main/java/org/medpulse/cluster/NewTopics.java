package org.medpulse.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waiting until topics just created can take writes safely.
 *
 * <p>Kafka up to 4.4 can silently lose an idempotent producer's first batch to a topic created a
 * moment before (KAFKA-15591, fixed in 4.5): the batch reaches the partition leader before the
 * leader has opened the partition and is refused as retriable, a later in-flight batch is then
 * accepted as the producer's first, and every retry of the first batch is refused as out of
 * order until {@code delivery.timeout.ms} expires it. Creating a topic returns when the
 * controller has recorded it, and describing it can show a leader before that leader serves the
 * partition, so neither is enough. A {@code ListOffsets} request is served by the leader's own
 * partition: once it has answered for every partition, producing cannot hit the window. The
 * admin client retries a leader that is not ready yet, but not a topic missing from the metadata
 * it asked first, so that request is repeated until the topics appear.
 */
public final class NewTopics {

    private static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

    private NewTopics() {
    }

    /**
     * Returns once the leader of every partition of {@code topics}, all created by
     * {@code created}, serves it.
     *
     * @throws IllegalStateException if a topic was not created, Kafka refuses the request, or some
     *         leader does not answer within {@code timeout}
     */
    public static void awaitWritable(Admin admin, CreateTopicsResult created, Collection<String> topics,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (String topic : topics) {
                int count = created.numPartitions(topic).get(remaining(deadline), TimeUnit.NANOSECONDS);
                for (int partition = 0; partition < count; partition++) {
                    partitions.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            while (!partitions.isEmpty()) {
                try {
                    admin.listOffsets(partitions).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || remaining(deadline) == 0) {
                        throw e;
                    }
                    Thread.sleep(RETRY_BACKOFF.toMillis());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("New topics " + topics + " are not writable: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("New topics " + topics + " are not writable: their leaders did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for new topics " + topics, e);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}

package org.medpulse.streams.query.store;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many partitions the responses topic has, asked of the broker once and then remembered
 * (Kafka never lowers it, and MedPulse does not raise it under a running application). Metadata
 * alone cannot say: during a rebalance some partitions have no owner at all.
 */
public final class TopicPartitionCount implements Supplier<OptionalInt>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicPartitionCount.class);

    private final Admin admin;
    private final String topic;
    private volatile int known;

    public TopicPartitionCount(Map<String, Object> adminConfig, String topic) {
        this.admin = Admin.create(adminConfig);
        this.topic = topic;
    }

    @Override
    public OptionalInt get() {
        if (known > 0) {
            return OptionalInt.of(known);
        }
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
            known = description.partitions().size();
            return OptionalInt.of(known);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Cannot describe {} yet", topic, e);
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

package org.medpulse.streams.query.store;

import java.util.Objects;

import org.apache.kafka.streams.KafkaStreams;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.routing.PartitionReader;
import org.medpulse.streams.query.routing.PartitionedStores;

/**
 * This instance's partitions of the survey stores, read through Kafka Streams' interactive
 * queries (IQv2). Active copies only, unless the read allows stale copies (standbys, restoring).
 */
public final class StorePartitions implements PartitionedStores {

    private final KafkaStreams streams;

    public StorePartitions(KafkaStreams streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @Override
    public PartitionReader partition(int partition, ReadOptions options) {
        return new StorePartitionReader(streams, partition, options);
    }
}

package org.medpulse.streams.query.store;

import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.routing.LocalPartitions;

/**
 * This instance's partitions of the survey stores, read through Kafka Streams' interactive
 * queries (IQv2). Active copies only, unless the read allows stale copies (standbys, restoring).
 */
public final class StorePartitions implements LocalPartitions {

    private final StoreScanner scanner;

    /** @param versions the stores' current version, empty while it cannot be known (no scan is remembered then) */
    public StorePartitions(KafkaStreams streams, Supplier<Optional<StoreVersion.Version>> versions) {
        this.scanner = new StoreScanner(streams::query, versions, System::nanoTime);
    }

    @Override
    public PartitionStores partition(int partition, ReadOptions options) {
        return new StorePartition(scanner, partition, options);
    }
}

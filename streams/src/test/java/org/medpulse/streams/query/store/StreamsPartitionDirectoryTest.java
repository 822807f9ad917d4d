package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.routing.PartitionPlacement;

class StreamsPartitionDirectoryTest {

    static final HostInfo A = new HostInfo("instance-a", 7001);
    static final HostInfo B = new HostInfo("instance-b", 7002);
    static final String TOPIC = "survey-responses";

    final AtomicReference<Optional<Collection<StreamsMetadata>>> metadata = new AtomicReference<>(Optional.empty());
    final AtomicReference<OptionalInt> partitions = new AtomicReference<>(OptionalInt.of(4));
    final StreamsPartitionDirectory directory = new StreamsPartitionDirectory(metadata::get, A, TOPIC, partitions::get);

    static StreamsMetadata instance(HostInfo host, Set<Integer> active, Set<Integer> standby) {
        return new StreamsMetadataImpl(host, Set.of("usage-by-wave"), partitionsOf(active), Set.of("usage-by-wave"),
                partitionsOf(standby));
    }

    static Set<TopicPartition> partitionsOf(Set<Integer> partitions) {
        Set<TopicPartition> of = new HashSet<>();
        partitions.forEach(p -> of.add(new TopicPartition(TOPIC, p)));
        of.add(new TopicPartition("medpulse-tool-catalogue", 0)); // another topic's partitions are not the stores'
        return of;
    }

    void metadata(StreamsMetadata... instances) {
        metadata.set(Optional.of(List.of(instances)));
    }

    @Test
    void placesEachPartitionOfTheResponsesTopicOnItsActiveAndStandbyInstances() {
        metadata(instance(A, Set.of(0, 1), Set.of(2)), instance(B, Set.of(2, 3), Set.of(0)));

        PartitionPlacement placement = directory.placement().orElseThrow();

        assertThat(placement.self()).isEqualTo(A);
        assertThat(placement.partitions()).isEqualTo(4);
        assertThat(placement.active()).containsOnly(entry(0, A), entry(1, A), entry(2, B), entry(3, B));
        assertThat(placement.standbyHosts(0)).containsExactly(B);
        assertThat(placement.standbyHosts(2)).containsExactly(A);
        assertThat(placement.standbyHosts(1)).isEmpty();
    }

    @Test
    void equalMetadataGivesTheSamePlacementAndChangedMetadataANewOne() {
        metadata(instance(A, Set.of(0, 1), Set.of()), instance(B, Set.of(2, 3), Set.of()));
        PartitionPlacement first = directory.placement().orElseThrow();

        // Equal metadata in new objects: nothing moved.
        metadata(instance(A, Set.of(0, 1), Set.of()), instance(B, Set.of(2, 3), Set.of()));
        assertThat(directory.placement()).containsSame(first);

        // Partition 3 moves to A.
        metadata(instance(A, Set.of(0, 1, 3), Set.of()), instance(B, Set.of(2), Set.of()));
        PartitionPlacement moved = directory.placement().orElseThrow();
        assertThat(moved.activeHost(3)).contains(A);
        assertThat(moved.allActiveOnSelf()).isFalse();

        // B leaves: A holds everything.
        metadata(instance(A, Set.of(0, 1, 2, 3), Set.of()));
        assertThat(directory.placement().orElseThrow().allActiveOnSelf()).isTrue();

        // The topic gains partitions: the same metadata, another count.
        partitions.set(OptionalInt.of(6));
        assertThat(directory.placement().orElseThrow().partitions()).isEqualTo(6);
    }

    @Test
    void nothingIsPlacedWhileKafkaStreamsIsNotRunningOrThePartitionCountIsUnknown() {
        assertThat(directory.placement()).isEmpty();

        metadata(instance(A, Set.of(0, 1, 2, 3), Set.of()));
        partitions.set(OptionalInt.empty());
        assertThat(directory.placement()).isEmpty();

        partitions.set(OptionalInt.of(4));
        assertThat(directory.placement()).isPresent();
        metadata.set(Optional.empty());
        assertThat(directory.placement()).isEmpty();
    }

    static Map.Entry<Integer, HostInfo> entry(int partition, HostInfo host) {
        return Map.entry(partition, host);
    }
}

package org.medpulse.streams.query.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.routing.PartitionDirectory;
import org.medpulse.streams.query.routing.PartitionPlacement;
import org.medpulse.streams.state.SurveyStores;

/**
 * Where the survey stores' partitions live, from Kafka Streams metadata: for each partition of
 * the responses topic (the aggregates are partitioned like their input), the instance holding the
 * active task and those holding standbys, each known by its {@code application.server}.
 */
public final class StreamsPartitionDirectory implements PartitionDirectory {

    private final Supplier<Optional<Collection<StreamsMetadata>>> metadata;
    private final HostInfo self;
    private final String responsesTopic;
    private final Supplier<OptionalInt> partitions;
    // The placement last made, and what from. Kafka Streams makes new metadata objects at each
    // assignment and never changes them, so nearly every question finds the metadata equal (the
    // very same objects) and takes the same placement, rather than grouping every partition anew:
    // 5% of the request threads' time under bench api.
    private volatile Made last;

    private record Made(List<StreamsMetadata> instances, PartitionPlacement placement) {
    }

    /**
     * @param self       this instance's {@code application.server}
     * @param partitions the number of partitions of {@code responsesTopic}, empty while unknown
     */
    public StreamsPartitionDirectory(KafkaStreams streams, HostInfo self, String responsesTopic, Supplier<OptionalInt> partitions) {
        this(metadataOf(Objects.requireNonNull(streams, "streams")), self, responsesTopic, partitions);
    }

    /** With {@code metadata}: the instances holding the stores, empty while Kafka Streams is not running. */
    StreamsPartitionDirectory(Supplier<Optional<Collection<StreamsMetadata>>> metadata, HostInfo self, String responsesTopic,
                              Supplier<OptionalInt> partitions) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.self = Objects.requireNonNull(self, "self");
        this.responsesTopic = Objects.requireNonNull(responsesTopic, "responsesTopic");
        this.partitions = Objects.requireNonNull(partitions, "partitions");
    }

    private static Supplier<Optional<Collection<StreamsMetadata>>> metadataOf(KafkaStreams streams) {
        return () -> streams.state().isRunningOrRebalancing()
                ? Optional.of(streams.streamsMetadataForStore(SurveyStores.USAGE_BY_WAVE.name()))
                : Optional.empty();
    }

    @Override
    public Optional<PartitionPlacement> placement() {
        Optional<Collection<StreamsMetadata>> instances = metadata.get();
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        OptionalInt count = partitions.get();
        if (count.isEmpty()) {
            return Optional.empty();
        }
        Made known = last;
        if (known != null && known.placement().partitions() == count.getAsInt() && sameInstances(known.instances(), instances.get())) {
            return Optional.of(known.placement());
        }
        PartitionPlacement placement = placement(instances.get(), count.getAsInt());
        last = new Made(List.copyOf(instances.get()), placement);
        return Optional.of(placement);
    }

    private PartitionPlacement placement(Collection<StreamsMetadata> instances, int count) {
        Map<Integer, HostInfo> active = new HashMap<>();
        Map<Integer, List<HostInfo>> standbys = new HashMap<>();
        for (StreamsMetadata instance : instances) {
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(responsesTopic)) {
                    active.put(partition.partition(), instance.hostInfo());
                }
            }
            for (TopicPartition partition : instance.standbyTopicPartitions()) {
                if (partition.topic().equals(responsesTopic)) {
                    standbys.computeIfAbsent(partition.partition(), p -> new ArrayList<>()).add(instance.hostInfo());
                }
            }
        }
        return new PartitionPlacement(self, count, active, standbys);
    }

    // Equal metadata, in the same order (the standbys' order comes from it), without copying what is asked.
    private static boolean sameInstances(List<StreamsMetadata> known, Collection<StreamsMetadata> now) {
        if (known.size() != now.size()) {
            return false;
        }
        Iterator<StreamsMetadata> current = now.iterator();
        for (StreamsMetadata instance : known) {
            if (!instance.equals(current.next())) {
                return false;
            }
        }
        return true;
    }
}

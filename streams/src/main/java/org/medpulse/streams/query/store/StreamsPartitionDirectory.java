package org.medpulse.streams.query.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String responsesTopic;
    private final Supplier<OptionalInt> partitions;

    /**
     * @param self       this instance's {@code application.server}
     * @param partitions the number of partitions of {@code responsesTopic}, empty while unknown
     */
    public StreamsPartitionDirectory(KafkaStreams streams, HostInfo self, String responsesTopic, Supplier<OptionalInt> partitions) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.self = Objects.requireNonNull(self, "self");
        this.responsesTopic = Objects.requireNonNull(responsesTopic, "responsesTopic");
        this.partitions = Objects.requireNonNull(partitions, "partitions");
    }

    @Override
    public Optional<PartitionPlacement> placement() {
        if (!streams.state().isRunningOrRebalancing()) {
            return Optional.empty();
        }
        OptionalInt count = partitions.get();
        if (count.isEmpty()) {
            return Optional.empty();
        }
        Collection<StreamsMetadata> instances = streams.streamsMetadataForStore(SurveyStores.USAGE_BY_WAVE.name());
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
        return Optional.of(new PartitionPlacement(self, count.getAsInt(), active, standbys));
    }
}

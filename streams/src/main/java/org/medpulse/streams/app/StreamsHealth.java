package org.medpulse.streams.app;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.medpulse.streams.api.HealthCheck;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.topology.RegistryStatus;

/**
 * Health from the Kafka Streams state: live unless it failed or stopped; ready when RUNNING, the
 * schema registry answers the stream threads, and every store can be read here (each local partition's copy open, the global catalogue loaded).
 * An instance that owns no partition is ready too: it has nothing local to serve.
 */
final class StreamsHealth implements HealthCheck {

    private static final Set<State> DEAD = Set.of(State.PENDING_ERROR, State.ERROR, State.NOT_RUNNING);

    private final RegistryStatus registry;
    private volatile KafkaStreams streams;

    StreamsHealth(RegistryStatus registry) {
        this.registry = registry;
    }

    void attach(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Status live() {
        KafkaStreams current = streams;
        if (current == null) {
            return Status.up("STARTING");
        }
        State state = current.state();
        return DEAD.contains(state) ? Status.down(state.name(), "Kafka Streams is " + state) : Status.up(state.name());
    }

    @Override
    public Status ready() {
        KafkaStreams current = streams;
        if (current == null) {
            return Status.down("STARTING", "Kafka Streams is not started yet");
        }
        State state = current.state();
        if (state != State.RUNNING) {
            return Status.down(state.name(), "Kafka Streams is " + state + ", not RUNNING");
        }
        Optional<RegistryStatus.Outage> outage = registry.outage();
        if (outage.isPresent()) {
            return Status.down(state.name(), "the schema registry has not answered since " + outage.get().since()
                    + " (" + outage.get().reason() + "); responses wait, none is dead-lettered");
        }
        boolean ownsPartitions = current.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
        List<String> stores = ownsPartitions ? SurveyStores.ALL : List.of(SurveyStores.TOOL_CATALOGUE);
        for (String store : stores) {
            try {
                current.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()))
                        .approximateNumEntries();
            } catch (InvalidStateStoreException e) {
                return Status.down(state.name(), "store " + store + " is not queryable: " + e.getMessage());
            }
        }
        return Status.up(state.name());
    }
}

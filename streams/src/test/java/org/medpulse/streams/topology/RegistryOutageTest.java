package org.medpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.streams.testing.Responses.response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.SchemaRegistryException;
import org.medpulse.serde.registry.SchemaRegistryUnreachableException;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.errors.SchemaRegistryUnavailableException;
import org.medpulse.streams.testing.TopologyFixture;

/**
 * A schema registry that cannot answer is waited out: the response it was needed for is counted
 * once the registry answers, and nothing is dead-lettered for it. Before, the source's
 * deserialization handler sent such responses to the dead-letter topic and moved on.
 */
class RegistryOutageTest {

    private final RegistryStatus status = new RegistryStatus();
    /** How many more reads the registry fails; and how it fails. */
    private final AtomicInteger failures = new AtomicInteger();
    private volatile SchemaRegistryException failure = new SchemaRegistryUnreachableException("connection refused", 4, null);
    private TopologyFixture topology;

    @AfterEach
    void close() {
        topology.close();
    }

    private TopologyFixture start(long patienceMs) {
        topology = new TopologyFixture(Map.of(MedPulseStreamsConfig.REGISTRY_PATIENCE_MS, patienceMs),
                config -> SurveyTopology.buildTopology(config, status,
                        flaky(ConfluentAvroSerde.specific(SurveyResponse.class, config.serdeConfigs(), false).deserializer())));
        return topology;
    }

    /** The real deserializer, behind a registry that fails the next {@link #failures} reads. */
    private Deserializer<SurveyResponse> flaky(Deserializer<SurveyResponse> real) {
        return (topic, data) -> {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SerializationException("cannot fetch writer schema id 1: " + failure.getMessage(), failure);
            }
            return real.deserialize(topic, data);
        };
    }

    @Test
    void aShortOutageIsWaitedOutAndTheResponseCounted() {
        start(5_000).send(response("p1", "r1", "2025-06").build());
        failures.set(3);

        topology.send(response("p1", "r2", "2025-06").build());

        assertThat(topology.stores().latest()).containsOnlyKeys("2025-06|p1|r1", "2025-06|p1|r2");
        assertThat(topology.deadLetters().isEmpty()).isTrue();
        assertThat(status.outage()).as("the registry answered again").isEmpty();
    }

    @Test
    void aServerErrorIsAnOutageToo() {
        failure = SchemaRegistryException.of(503, SchemaRegistryException.STORE_ERROR, "Store error");
        start(5_000);
        failures.set(2);

        topology.send(response("p1", "r1", "2025-06").build());

        assertThat(topology.stores().latest()).containsOnlyKeys("2025-06|p1|r1");
        assertThat(topology.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void aLongOutageStopsTheThreadWithoutDeadLetteringAndTheResponseCountsOnceTheRegistryIsBack() {
        start(1_000);
        failures.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> topology.send(response("p1", "r1", "2025-06").build()))
                .isInstanceOf(StreamsException.class).hasRootCauseInstanceOf(SchemaRegistryUnreachableException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(SchemaRegistryUnavailableException.class::isInstance));
        assertThat(status.outage()).hasValueSatisfying(outage -> assertThat(outage.reason()).contains("connection refused"));
        assertThat(topology.deadLetters().isEmpty()).isTrue();
        assertThat(topology.stores().latest()).isEmpty();

        failures.set(0);
        topology.send(response("p1", "r1", "2025-06").build());
        assertThat(topology.stores().latest()).containsOnlyKeys("2025-06|p1|r1");
        assertThat(status.outage()).isEmpty();
    }

    @Test
    void aRegistryThatAnswersNoSuchSchemaIsNotAnOutage() {
        failure = SchemaRegistryException.of(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema 9 not found");
        start(60_000);
        failures.set(1);

        topology.send(response("p1", "r1", "2025-06").build());

        assertThat(topology.deadLetters().readRecordsToList()).hasSize(1);
        assertThat(topology.stores().latest()).isEmpty();
        assertThat(status.outage()).isEmpty();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }
}

package org.medpulse.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.errors.DeadLetterMetrics;
import org.medpulse.streams.topology.SurveyTopology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The survey topology in a TopologyTestDriver with the application's own Kafka Streams settings
 * (exactly-once, dead-letter handlers, bounded RocksDB), an in-memory schema registry of its own
 * and a meter registry for the dead-letter counter. Every record is piped with an explicit
 * timestamp.
 */
public final class TopologyFixture implements AutoCloseable {

    /** The record-key secret of every fixture, and of {@link ReferenceModel}'s keys. */
    public static final String RECORD_KEY_SECRET = "test-record-key-secret-0123456789";

    private final String registryScope = "topology-" + UUID.randomUUID();
    private final Path stateDir;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Serde<SurveyResponse> avro;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SurveyResponse> responses;
    private final TestInputTopic<byte[], byte[]> rawResponses;
    private final TestInputTopic<String, String> catalogue;
    private final TestOutputTopic<byte[], byte[]> deadLetters;

    public TopologyFixture() {
        this(Map.of());
    }

    public TopologyFixture(Map<String, Object> overrides) {
        this(overrides, SurveyTopology::buildTopology);
    }

    /** A fixture whose topology {@code topology} builds from the fixture's settings. */
    public TopologyFixture(Map<String, Object> overrides, Function<MedPulseStreamsConfig, Topology> topology) {
        try {
            stateDir = Files.createTempDirectory("topology-fixture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, "mock://" + registryScope);
        settings.put(MedPulseStreamsConfig.STATE_DIR, stateDir.toString());
        settings.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, "unused:9092");
        settings.put(MedPulseStreamsConfig.RECORD_KEY_SECRET, RECORD_KEY_SECRET);
        settings.putAll(overrides);
        MedPulseStreamsConfig config = new MedPulseStreamsConfig(settings);
        Properties props = config.kafkaStreamsProperties("127.0.0.1:7070");
        props.put(DeadLetterMetrics.METER_REGISTRY_CONFIG, meters);
        driver = new TopologyTestDriver(topology.apply(config), props, Instant.parse("2025-06-01T00:00:00Z"));
        avro = ConfluentAvroSerde.specific(SurveyResponse.class, config.serdeConfigs(), false);
        responses = driver.createInputTopic(config.responsesTopic(), new StringSerializer(), avro.serializer());
        rawResponses = driver.createInputTopic(config.responsesTopic(), new ByteArraySerializer(),
                new ByteArraySerializer());
        catalogue = driver.createInputTopic(config.toolCatalogueTopic(), new StringSerializer(), new StringSerializer());
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Pipes {@code response} keyed like the producer keys it, with record timestamp {@code submittedAt}. */
    public void send(SurveyResponse response) {
        responses.pipeInput(Responses.keyOf(response), response, response.getSubmittedAt());
    }

    public void send(String key, SurveyResponse response, Instant recordTimestamp) {
        responses.pipeInput(key, response, recordTimestamp);
    }

    public void sendRaw(byte[] key, byte[] value, Instant recordTimestamp) {
        rawResponses.pipeInput(key, value, recordTimestamp);
    }

    public void sendRaw(byte[] key, byte[] value, Headers headers, Instant recordTimestamp) {
        rawResponses.pipeInput(new TestRecord<>(key, value, headers, recordTimestamp));
    }

    /** Publishes an operator's catalogue entry on the {@code tool-catalogue} topic. */
    public void publish(ToolEntry entry, Instant at) {
        catalogue.pipeInput(entry.id(), ToolCatalogue.toJson(entry), at);
    }

    public void publishRaw(String id, String json, Instant at) {
        catalogue.pipeInput(id, json, at);
    }

    /** The wire-format bytes of {@code response}, as the producer would send them. */
    public byte[] serialize(SurveyResponse response) {
        return avro.serializer().serialize(Topics.SURVEY_RESPONSES, response);
    }

    public StoreContents stores() {
        return StoreContents.read(driver::getKeyValueStore);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            InMemorySchemaRegistryClient.dropScope(registryScope);
            try {
                Utils.delete(stateDir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

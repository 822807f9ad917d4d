package org.medpulse.cli.dev.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.devstack.stack.LocalStack;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.producer.publish.ResponsePublisher;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

/**
 * The whole system in one process, for a first look: the local stack, the streams application
 * (API and dashboard on the HTTP port), the demo panel's three waves, and optionally a live
 * trickle into the current wave. Built in steps so the caller can report each as it happens:
 * {@link #start}, {@link #loadWaves()}, {@link #awaitProcessed(Duration)}, {@link #startTrickle()}.
 * {@link #close()} stops everything started, in reverse order.
 */
public final class Demo implements AutoCloseable {

    private final DemoOptions options;
    private final LocalStack stack;
    private final StreamsApplication streams;
    private final Producer<String, SurveyResponse> producer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private LiveTrickle trickle;

    private Demo(DemoOptions options, LocalStack stack, StreamsApplication streams,
            Producer<String, SurveyResponse> producer) {
        this.options = options;
        this.stack = stack;
        this.streams = streams;
        this.producer = producer;
    }

    /** Starts the local stack and the streams application; loads nothing yet. */
    public static Demo start(DemoOptions options) {
        LocalStack stack = LocalStack.start(options.stackOptions());
        StreamsApplication streams = null;
        try {
            streams = StreamsApplication.start(streamsSettings(options, stack));
            Producer<String, SurveyResponse> producer = ResponseProducers.create(clientProperties(stack));
            return new Demo(options, stack, streams, producer);
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close();
            }
            stack.close();
            throw e;
        }
    }

    /** The streams application's settings: the stack's addresses, state beside the broker's data. */
    static Map<String, Object> streamsSettings(DemoOptions options, LocalStack stack) {
        return Map.of(
                MedPulseStreamsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, stack.registryUrl(),
                MedPulseStreamsConfig.STATE_DIR, options.stateDirectory().toString(),
                MedPulseStreamsConfig.HTTP_HOST, "127.0.0.1",
                MedPulseStreamsConfig.HTTP_PORT, options.httpPort());
    }

    private static Properties clientProperties(LocalStack stack) {
        Properties props = new Properties();
        props.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.registryUrl());
        return props;
    }

    /**
     * Publishes every wave of the demo panel. The responses are the same on every start, so on a
     * data directory that already holds them this adds only redeliveries, which change no total.
     */
    public List<LoadedWave> loadWaves() {
        List<LoadedWave> loaded = new ArrayList<>();
        for (PanelSettings wave : DemoPanel.waves(options.respondents())) {
            ResponsePublisher<String> publisher = new ResponsePublisher<>(producer, Topics.SURVEY_RESPONSES);
            PanelSimulator.of(wave).deliveries()
                    .forEach(response -> publisher.send(response, null, response.getResponseId()));
            PublishResult<String> result = publisher.finish();
            if (!result.failures().isEmpty()) {
                throw new IllegalStateException("Loading wave " + wave.wave() + " failed: "
                        + result.failures().get(0).reason());
            }
            loaded.add(new LoadedWave(wave.wave(), wave.respondents(), result.acknowledged()));
        }
        return List.copyOf(loaded);
    }

    /** Waits until the streams application has processed everything on the responses topic. */
    public void awaitProcessed(Duration timeout) {
        ProcessingProgress.awaitCaughtUp(stack.bootstrapServers(), streams.config().applicationId(),
                Topics.SURVEY_RESPONSES, timeout);
    }

    /** Starts the live trickle into the current wave, unless the options say none. */
    public void startTrickle() {
        if (options.trickle() && trickle == null) {
            trickle = LiveTrickle.start(producer, options.trickleRate(), options.respondents());
        }
    }

    /**
     * Each wave's summary as the {@code waves} store holds it now. Each partition keeps a partial
     * summary of its respondents; this instance owns every partition, so merging them is the total.
     */
    public SortedMap<String, WaveSummary> waves() {
        ReadOnlyKeyValueStore<WaveKey, WaveSummary> store = streams.streams().store(
                StoreQueryParameters.fromNameAndType(SurveyStores.WAVES.name(), QueryableStoreTypes.keyValueStore()));
        SortedMap<String, WaveSummary> waves = new TreeMap<>();
        try (KeyValueIterator<WaveKey, WaveSummary> all = store.all()) {
            all.forEachRemaining(entry -> waves.merge(entry.key.wave(), entry.value, WaveSummary::plus));
        }
        return waves;
    }

    public DemoOptions options() {
        return options;
    }

    public StreamsApplication streams() {
        return streams;
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public String registryUrl() {
        return stack.registryUrl();
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + streams.httpPort() + "/";
    }

    public String apiBase() {
        return dashboardUrl() + "api/v1";
    }

    /** Stops the trickle (its responses acknowledged), the streams application (cleanly), then the stack; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (trickle != null) {
                trickle.close();
            }
            producer.close(Duration.ofSeconds(10));
        } finally {
            try {
                streams.close();
            } finally {
                stack.close();
            }
        }
    }

    /** What loading a wave published: {@code deliveries} includes corrections and redeliveries. */
    public record LoadedWave(String wave, int respondents, long deliveries) {
    }
}

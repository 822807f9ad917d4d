package org.medpulse.streams.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.medpulse.streams.api.ApiServer;
import org.medpulse.streams.api.survey.ServiceMetrics;
import org.medpulse.streams.api.survey.StreamsSurveyApi;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.errors.DeadLetterMetrics;
import org.medpulse.streams.topology.SurveyTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One running instance: the HTTP server, then Kafka Streams on the survey topology. Instances
 * started with the same application id share the partitions; each advertises its HTTP address as
 * {@code application.server} so that queries can be routed to the owner of a partition.
 */
public final class StreamsApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApplication.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final String STATE_METRICS = "kafka.stream.state";

    private final MedPulseStreamsConfig config;
    private final PrometheusMeterRegistry meters;
    private final ApiServer server;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final StreamsSurveyApi surveyApi;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamsApplication(MedPulseStreamsConfig config) {
        this.config = config;
        if (config.createTopics()) {
            Properties admin = new Properties();
            admin.putAll(config.originals());
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            TopicSetup.ensureTopics(config, admin);
        }
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Kafka Streams tags a store's metrics rocksdb.state.id or in.memory.state.id by store type;
        // Prometheus refuses one metric name with two tag sets, which would drop the in-memory
        // aggregates' metrics. One tag key for both keeps every store's metrics.
        meters.config()
                .meterFilter(MeterFilter.renameTag(STATE_METRICS, "rocksdb.state.id", "store.id"))
                .meterFilter(MeterFilter.renameTag(STATE_METRICS, "in.memory.state.id", "store.id"));
        StreamsHealth health = new StreamsHealth();
        server = ApiServer.start(config.httpHost(), config.httpPort(), health);
        try {
            Properties props = config.kafkaStreamsProperties(config.advertisedHost() + ":" + server.port());
            props.put(DeadLetterMetrics.METER_REGISTRY_CONFIG, meters);
            streams = new KafkaStreams(SurveyTopology.buildTopology(config), props);
        } catch (RuntimeException e) {
            server.close();
            meters.close();
            throw e;
        }
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("Stream thread failed: stopping this instance", error);
            failure.compareAndSet(null, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener(this::stateChanged);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        health.attach(streams);
        Map<String, Object> adminConfig = new HashMap<>();
        config.originals().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        surveyApi = StreamsSurveyApi.create(streams, new HostInfo(config.advertisedHost(), server.port()),
                config.responsesTopic(), adminConfig, new SurveyApiConfig(config.originals()), ServiceMetrics.using(meters));
        surveyApi.register(server.javalin());
    }

    // Called on a stream thread, only after start(): the constructor has assigned every field by then.
    private void stateChanged(KafkaStreams.State now, KafkaStreams.State before) {
        LOG.info("Kafka Streams {} -> {}", before, now);
        surveyApi.streamsStateChanged();
        if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            terminated.complete(null);
        }
    }

    /**
     * Starts an instance: creates missing topics (unless disabled), binds the HTTP server, starts
     * Kafka Streams. Returns at once; the instance becomes ready when its stores are restored.
     */
    public static StreamsApplication start(MedPulseStreamsConfig config) {
        StreamsApplication app = new StreamsApplication(config);
        try {
            app.streams.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        LOG.info("MedPulse streams '{}' started; HTTP on port {}", config.applicationId(), app.server.port());
        return app;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return server.port();
    }

    public ApiServer server() {
        return server;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public MedPulseStreamsConfig config() {
        return config;
    }

    /** Completes when Kafka Streams stops, after {@link #close()} or a fatal error. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** The error that stopped the instance, if one did. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Stops cleanly: Kafka Streams commits, writes its checkpoints and leaves the group, then the
     * HTTP server stops. Idempotent; safe from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
            }
        } finally {
            streamsMetrics.close();
            surveyApi.close();
            server.close();
            meters.close();
            terminated.complete(null);
        }
    }
}

package org.medpulse.streams.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.cluster.SharedSecrets;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.api.ApiServer;
import org.medpulse.streams.api.survey.ApiRoute;
import org.medpulse.streams.api.survey.ServiceMetrics;
import org.medpulse.streams.api.survey.SurveyApi;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.errors.DeadLetterMetrics;
import org.medpulse.streams.errors.SchemaRegistryUnavailableException;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.QuestionTypes;
import org.medpulse.streams.query.peer.HttpPeerClient;
import org.medpulse.streams.query.peer.PeerEndpoint;
import org.medpulse.streams.query.peer.PeerSeal;
import org.medpulse.streams.query.question.WaveTotalsQuestion;
import org.medpulse.streams.query.routing.LocalPartitions;
import org.medpulse.streams.query.routing.RoutedPartialAnswers;
import org.medpulse.streams.query.store.StorePartitions;
import org.medpulse.streams.query.store.StoreToolCatalogue;
import org.medpulse.streams.query.store.StoreVersion;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.query.store.StreamsPartitionDirectory;
import org.medpulse.streams.query.store.TopicPartitionCount;
import org.medpulse.streams.topology.RegistryStatus;
import org.medpulse.streams.topology.SurveyTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One running instance, wired here and only here: the HTTP server, Kafka Streams on the survey
 * topology, and the read side (this instance's stores, the other instances over HTTP, the
 * questions the API routes to them). Instances started with the same application id share the
 * partitions; each advertises its HTTP address as {@code application.server} so that questions
 * can be routed to the owner of a partition.
 */
public final class StreamsApplication implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApplication.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String STATE_METRICS = "kafka.stream.state";

    private final MedPulseStreamsConfig config;
    private final PrometheusMeterRegistry meters;
    private final ApiServer server;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final StoreVersion storeVersion;
    private final TopicPartitionCount partitions;
    private final SurveyApi surveyApi;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private StreamsApplication(StreamsSettings settings, List<ApiRoute> routes) {
        Map<String, Object> admin = settings.streams().adminConfigs();
        if (settings.streams().createTopics()) {
            try (Admin client = Admin.create(admin)) {
                settings.streams().projectTopics().ensure(client, ADMIN_TIMEOUT);
            }
        }
        this.config = withSecrets(settings.streams());
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Kafka Streams tags a store's metrics rocksdb.state.id or in.memory.state.id by store type;
        // Prometheus refuses one metric name with two tag sets, which would drop the in-memory
        // aggregates' metrics. One tag key for both keeps every store's metrics.
        meters.config()
                .meterFilter(MeterFilter.renameTag(STATE_METRICS, "rocksdb.state.id", "store.id"))
                .meterFilter(MeterFilter.renameTag(STATE_METRICS, "in.memory.state.id", "store.id"));
        RegistryStatus registry = new RegistryStatus();
        // The stores keep decoded views of what each commit wrote, which the read side scans.
        AggregateViews views = new AggregateViews();
        StreamsHealth health = new StreamsHealth(registry);
        server = ApiServer.start(config.httpHost(), config.httpPort(), health);
        HostInfo self = new HostInfo(config.advertisedHost(), server.port());
        try {
            Properties props = config.kafkaStreamsProperties(self.host() + ":" + self.port());
            props.put(DeadLetterMetrics.METER_REGISTRY_CONFIG, meters);
            props.put(AggregateViews.CONFIG, views);
            streams = new KafkaStreams(SurveyTopology.buildTopology(config, registry), props);
        } catch (RuntimeException e) {
            server.close();
            meters.close();
            throw e;
        }
        streams.setUncaughtExceptionHandler(error -> {
            if (causedBy(error, SchemaRegistryUnavailableException.class)) {
                // Nothing was skipped: the aborted transaction is redone by the replacement thread.
                LOG.warn("Stream thread stopped while the schema registry was unavailable: replacing it");
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("Stream thread failed: stopping this instance", error);
            failure.compareAndSet(null, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener(this::stateChanged);
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        health.attach(streams);

        // The read side: installed before the application starts, for the restore listener.
        storeVersion = new StoreVersion(streams, views);
        streams.setGlobalStateRestoreListener(storeVersion.restoreListener());
        streams.setStandbyUpdateListener(storeVersion.standbyUpdateListener());
        partitions = new TopicPartitionCount(admin, config.responsesTopic());
        SurveyApiConfig apiConfig = settings.api();
        LocalPartitions local = new StorePartitions(streams, views, storeVersion::current, storeVersion::allPartitions,
                apiConfig.cacheMaxBytes());
        Clock clock = Clock.systemUTC();
        PeerSeal seal = PeerSeal.withSecret(config.peerSecret().orElseThrow().getBytes(StandardCharsets.UTF_8), clock);
        RoutedPartialAnswers partials = new RoutedPartialAnswers(
                new StreamsPartitionDirectory(streams, self, config.responsesTopic(), partitions), local,
                new HttpPeerClient(apiConfig.peerTimeout(), seal));
        QueryService queries = new QueryService(partials, apiConfig.disclosures(),
                new StoreToolCatalogue(streams, ToolCatalogue.builtIn(), clock));
        surveyApi = SurveyApi.create(apiConfig, queries, routes, ServiceMetrics.using(meters), clock);
        surveyApi.register(server.javalin());
        new PeerEndpoint(local, questionTypes(routes), seal).register(server.javalin());
    }

    /**
     * The settings with both secrets: those given, and for the others the ones the application's
     * instances share in its secrets topic (written by the first instance that needed them).
     */
    private static MedPulseStreamsConfig withSecrets(MedPulseStreamsConfig config) {
        Optional<String> recordKey = config.recordKeySecret();
        Optional<String> peer = config.peerSecret();
        if (recordKey.isPresent() && peer.isPresent()) {
            return config;
        }
        Map<String, String> shared = SharedSecrets.agree(config.adminConfigs(), config.secretsTopic(),
                List.of(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME, MedPulseStreamsConfig.PEER_SECRET_NAME), ADMIN_TIMEOUT);
        return config.withSecrets(recordKey.orElse(shared.get(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME)),
                peer.orElse(shared.get(MedPulseStreamsConfig.PEER_SECRET_NAME)));
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The question types this instance answers for its peers: every route's, and the live stream's. */
    static QuestionTypes questionTypes(List<ApiRoute> routes) {
        List<QuestionType<?>> types = new ArrayList<>();
        routes.forEach(route -> route.question().ifPresent(question -> types.add(question.type())));
        types.add(WaveTotalsQuestion.TYPE);
        return QuestionTypes.of(types);
    }

    // Called on a stream thread, only after start(): the constructor has assigned every field by then.
    private void stateChanged(KafkaStreams.State now, KafkaStreams.State before) {
        LOG.info("Kafka Streams {} -> {}", before, now);
        // Tasks may have moved: answers cached from this instance's stores are no longer trusted.
        storeVersion.streamsStateChanged();
        if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            terminated.complete(null);
        }
    }

    /**
     * Starts an instance from its flat settings: creates missing topics (unless disabled), binds
     * the HTTP server, starts Kafka Streams. Returns at once; the instance becomes ready when its
     * stores are restored.
     */
    public static StreamsApplication start(Map<String, ?> settings) {
        return start(StreamsSettings.of(settings), ApiRoute.ALL);
    }

    public static StreamsApplication start(StreamsSettings settings) {
        return start(settings, ApiRoute.ALL);
    }

    /** As {@link #start(Map)}, answering {@code routes} (the API's, and any more). */
    public static StreamsApplication start(StreamsSettings settings, List<ApiRoute> routes) {
        StreamsApplication app = new StreamsApplication(settings, routes);
        try {
            app.streams.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        LOG.info("MedPulse streams '{}' started; HTTP on port {}", app.config.applicationId(), app.server.port());
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
            partitions.close();
            server.close();
            meters.close();
            terminated.complete(null);
        }
    }
}

package org.medpulse.streams.api.survey;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.live.WaveTotalsPublisher;
import org.medpulse.streams.query.routing.HttpPeerClient;
import org.medpulse.streams.query.routing.RoutedSurveyStatsReader;
import org.medpulse.streams.query.store.CachingPartitionedStores;
import org.medpulse.streams.query.store.StorePartitions;
import org.medpulse.streams.query.store.StoreVersion;
import org.medpulse.streams.query.store.StoreToolCatalogue;
import org.medpulse.streams.query.store.StreamsPartitionDirectory;
import org.medpulse.streams.query.store.TopicPartitionCount;

import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The survey API of one Kafka Streams instance: its own partitions read with IQv2, the others'
 * asked of their instances at their {@code application.server}, tools named by the catalogue
 * operators extend at runtime. Create it before the application starts: it installs Kafka Streams'
 * global restore listener, to know when a restoration changes the stores.
 *
 * <pre>{@code
 * StreamsSurveyApi api = StreamsSurveyApi.create(streams, new HostInfo(host, server.port()), topic, adminConfig,
 *         new SurveyApiConfig(settings), ServiceMetrics.using(meters));
 * api.register(server.javalin());   // before or after the server started
 * streams.setStateListener((now, before) -> api.streamsStateChanged());
 * streams.start();
 * }</pre>
 */
public final class StreamsSurveyApi implements AutoCloseable {

    private final SurveyApi api;
    private final TopicPartitionCount partitions;
    private final StoreVersion storeVersion;

    private StreamsSurveyApi(SurveyApi api, TopicPartitionCount partitions, StoreVersion storeVersion) {
        this.api = api;
        this.partitions = partitions;
        this.storeVersion = storeVersion;
    }

    /**
     * @param self           this instance's {@code application.server}
     * @param responsesTopic the topic the aggregates are partitioned like
     * @param adminConfig    client settings to describe that topic with (bootstrap servers, security)
     */
    public static StreamsSurveyApi create(KafkaStreams streams, HostInfo self, String responsesTopic,
                                          Map<String, Object> adminConfig, SurveyApiConfig config, ServiceMetrics metrics) {
        Objects.requireNonNull(streams, "streams");
        TopicPartitionCount partitions = new TopicPartitionCount(adminConfig, responsesTopic);
        StoreVersion storeVersion = new StoreVersion(streams);
        streams.setGlobalStateRestoreListener(storeVersion.restoreListener());
        RoutedSurveyStatsReader reader = new RoutedSurveyStatsReader(
                new StreamsPartitionDirectory(streams, self, responsesTopic, partitions),
                new CachingPartitionedStores(new StorePartitions(streams, storeVersion::current), storeVersion::current),
                new HttpPeerClient(config.peerTimeout(), config.peerAuthorization()));
        Clock clock = Clock.systemUTC();
        SurveyApi api = SurveyApi.routed(config, reader, new StoreToolCatalogue(streams, ToolCatalogue.builtIn(), clock),
                metrics, clock);
        return new StreamsSurveyApi(api, partitions, storeVersion);
    }

    /** Registers the routes on the application's server. */
    public void register(JavalinDefaultRoutingApi<?> routes) {
        api.register(routes);
    }

    /**
     * To be called from the application's Kafka Streams state listener: tasks may have moved, so
     * the answers cached from this instance's stores are no longer trusted.
     */
    public void streamsStateChanged() {
        storeVersion.streamsStateChanged();
    }

    /** Where the topology may push wave totals directly, on top of polling. */
    public WaveTotalsPublisher publisher() {
        return api.publisher();
    }

    @Override
    public void close() {
        api.close();
        partitions.close();
    }
}

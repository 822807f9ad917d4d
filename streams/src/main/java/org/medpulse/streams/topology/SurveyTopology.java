package org.medpulse.streams.topology;

import java.time.Duration;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.RecordKeys;
import org.medpulse.streams.state.SurveyStores;

/**
 * The MedPulse topology, built by a pure factory (no broker needed: TopologyTestDriver runs it).
 *
 * <pre>
 *   survey-responses ──► aggregate-responses ──► responses-latest, usage-by-wave, barriers-by-wave,
 *   (Avro, key partner/respondent)               tools-by-wave, usage-by-day, waves
 *                              ▲ reads
 *   tool-catalogue ──► update-tool-catalogue ──► tool-catalogue (global store)
 * </pre>
 *
 * One sub-topology, no repartition topic: the input is keyed by respondent, the latest-response
 * decision needs nothing else, and aggregates are kept per partition (readers sum them). Each
 * response costs a read and a write of its respondent's latest response plus a few updates of
 * write-behind aggregates, which reach their stores and changelogs once per key at each commit.
 */
public final class SurveyTopology {

    public static final String RESPONSES_SOURCE = "survey-responses-source";
    public static final String AGGREGATOR = "aggregate-responses";
    public static final String CATALOGUE_SOURCE = "tool-catalogue-source";
    public static final String CATALOGUE_UPDATER = "update-tool-catalogue";

    /**
     * The longest pause of a stream thread between two attempts to reach the registry (its client
     * retries in between too); a tenth of the patience when that is shorter.
     */
    static final Duration REGISTRY_PAUSE = Duration.ofSeconds(1);

    private SurveyTopology() {
    }

    public static Topology buildTopology(MedPulseStreamsConfig config) {
        return buildTopology(config, new RegistryStatus());
    }

    /** The topology, reporting to {@code registry} whether the schema registry answers. */
    public static Topology buildTopology(MedPulseStreamsConfig config, RegistryStatus registry) {
        return buildTopology(config, registry,
                ConfluentAvroSerde.specific(SurveyResponse.class, config.serdeConfigs(), false).deserializer());
    }

    /** The topology reading responses with {@code responses} (a Confluent Avro deserializer, or one wrapping it). */
    public static Topology buildTopology(MedPulseStreamsConfig config, RegistryStatus registry,
                                         Deserializer<SurveyResponse> responses) {
        Duration patience = config.registryPatience();
        Duration pause = patience.dividedBy(10).compareTo(REGISTRY_PAUSE) < 0 ? patience.dividedBy(10) : REGISTRY_PAUSE;
        return buildTopology(config, new ResponseDecoder(responses, registry, patience, pause, ResponseDecoder.Sleeper.REAL));
    }

    static Topology buildTopology(MedPulseStreamsConfig config, ResponseDecoder decoder) {
        CatalogueVersion catalogueVersion = new CatalogueVersion();
        Topology topology = new Topology();
        topology.addGlobalStore(SurveyStores.toolCatalogue(), CATALOGUE_SOURCE,
                Serdes.String().deserializer(), Serdes.String().deserializer(),
                config.toolCatalogueTopic(), CATALOGUE_UPDATER, () -> new CatalogueUpdater(catalogueVersion));
        // Values are read in the processor (ResponseDecoder), where a registry outage can be waited out.
        topology.addSource(RESPONSES_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                config.responsesTopic());
        RecordKeys recordKeys = RecordKeys.withSecret(config.recordKeySecret().orElseThrow(() -> new IllegalStateException(
                MedPulseStreamsConfig.RECORD_KEY_SECRET + " is not set: the topology needs the record-key secret")));
        LiveCommits liveCommits = new LiveCommits(config.liveCommitInterval(), System::currentTimeMillis);
        topology.addProcessor(AGGREGATOR, () -> new ResponseAggregator(catalogueVersion, recordKeys, decoder, liveCommits),
                RESPONSES_SOURCE);
        topology.addStateStore(SurveyStores.responsesLatest(), AGGREGATOR);
        for (Aggregate<?, ?> aggregate : SurveyStores.AGGREGATES) {
            topology.addStateStore(aggregate.builder(), AGGREGATOR);
        }
        return topology;
    }
}

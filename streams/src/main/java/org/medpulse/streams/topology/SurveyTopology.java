package org.medpulse.streams.topology;

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

    private SurveyTopology() {
    }

    public static Topology buildTopology(MedPulseStreamsConfig config) {
        Deserializer<SurveyResponse> responses =
                ConfluentAvroSerde.specific(SurveyResponse.class, config.serdeConfigs(), false).deserializer();
        return buildTopology(config, responses);
    }

    static Topology buildTopology(MedPulseStreamsConfig config, Deserializer<SurveyResponse> responses) {
        CatalogueVersion catalogueVersion = new CatalogueVersion();
        Topology topology = new Topology();
        topology.addGlobalStore(SurveyStores.toolCatalogue(), CATALOGUE_SOURCE,
                Serdes.String().deserializer(), Serdes.String().deserializer(),
                config.toolCatalogueTopic(), CATALOGUE_UPDATER, () -> new CatalogueUpdater(catalogueVersion));
        topology.addSource(RESPONSES_SOURCE, Serdes.String().deserializer(), responses, config.responsesTopic());
        RecordKeys recordKeys = RecordKeys.withSecret(config.recordKeySecret().orElseThrow(() -> new IllegalStateException(
                MedPulseStreamsConfig.RECORD_KEY_SECRET + " is not set: the topology needs the record-key secret")));
        topology.addProcessor(AGGREGATOR, () -> new ResponseAggregator(catalogueVersion, recordKeys), RESPONSES_SOURCE);
        topology.addStateStore(SurveyStores.responsesLatest(), AGGREGATOR);
        for (Aggregate<?, ?> aggregate : SurveyStores.AGGREGATES) {
            topology.addStateStore(aggregate.builder(), AGGREGATOR);
        }
        return topology;
    }
}

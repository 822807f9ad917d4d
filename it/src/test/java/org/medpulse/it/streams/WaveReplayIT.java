package org.medpulse.it.streams;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.bench.BenchPanel;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.cluster.SharedSecrets;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.producer.simulate.PanelWindow;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.testing.ReferenceModel;
import org.medpulse.streams.testing.StoreContents;
import org.medpulse.testkit.GroupProgress;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.Sends;

/**
 * A historic wave replayed after live data, on a real broker: its records carry timestamps two
 * years older than everything the application has seen, and still every one counts. (Windowed
 * aggregations would drop them as late; the topic's retention would delete them if it were
 * time-based: both are ruled out by design.)
 */
class WaveReplayIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final String SCOPE = "wave-replay-it";

    @TempDir
    Path stateDir;

    @AfterAll
    static void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void aWaveTwoYearsOlderThanTheLiveDataCountsExactly() throws Exception {
        StreamsSettings settings = StreamsSettings.of(Map.of(
                MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers(),
                MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE,
                MedPulseStreamsConfig.APPLICATION_ID, "medpulse-wave-replay-it",
                MedPulseStreamsConfig.STATE_DIR, stateDir.toString(),
                MedPulseStreamsConfig.HTTP_PORT, 0));
        MedPulseStreamsConfig config = settings.streams();
        STACK.createTopics(config.projectTopics());
        Serializer<SurveyResponse> avro = ConfluentAvroSerde.specific(SurveyResponse.class, config.serdeConfigs(),
                false).serializer();
        // The instances keep their record-key secret in the application's secrets topic, whoever starts first.
        ReferenceModel model = new ReferenceModel(ToolCatalogue.builtIn(), SharedSecrets.agree(config.adminConfigs(),
                config.secretsTopic(), List.of(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME, MedPulseStreamsConfig.PEER_SECRET_NAME),
                Duration.ofSeconds(30)).get(MedPulseStreamsConfig.RECORD_KEY_SECRET_NAME));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String liveWave = now.toString().substring(0, 7);
        Instant twoYearsAgo = now.minus(730, ChronoUnit.DAYS);
        String historicWave = twoYearsAgo.toString().substring(0, 7);

        try (StreamsApplication app = StreamsApplication.start(settings);
                Admin admin = Admin.create(STACK.clientProperties(Map.of()));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.clientProperties(Map.of(
                        ProducerConfig.ACKS_CONFIG, "all")), new ByteArraySerializer(), new ByteArraySerializer())) {
            GroupProgress progress = new GroupProgress(admin, "medpulse-wave-replay-it", Topics.SURVEY_RESPONSES,
                    ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
            produce(producer, avro, model, wave(liveWave, 3_000, now, 1L));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(progress::caughtUp);

            PanelSettings historic = wave(historicWave, 2_000, twoYearsAgo, 2L);
            produce(producer, avro, model, historic);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(progress::caughtUp);

            StoreContents expected = model.expected();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(StoreContents.read(name -> app.streams().store(
                            StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())))
                            .differencesFrom(expected)).isEmpty());
            assertThat(expected.waves()).containsOnlyKeys(liveWave, historicWave);
            assertThat(expected.waves().get(historicWave).respondents()).isEqualTo(historic.respondents());
        }
    }

    /**
     * A wave of three partners answering from the start of its month until {@code now}, with the
     * benchmarks' corrections, redeliveries and late answers.
     */
    private static PanelSettings wave(String wave, int respondents, Instant now, long seed) {
        PanelWindow window = PanelWindow.forWave(wave, now);
        return BenchPanel.withTypicalShares(PanelSettings.of(wave, respondents, window.from(), window.to())
                .withPartners(3).withSeed(seed));
    }

    /** Every delivery of the wave, in delivery order, stamped with its survey time as a replay of an export would be. */
    private static void produce(KafkaProducer<byte[], byte[]> producer, Serializer<SurveyResponse> avro,
            ReferenceModel model, PanelSettings wave) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (SurveyResponse response : PanelSimulator.of(wave).deliveries().toList()) {
            String key = ResponseKey.of(response);
            model.accept(key, response);
            records.add(new ProducerRecord<>(Topics.SURVEY_RESPONSES, null, response.getSubmittedAt().toEpochMilli(),
                    key.getBytes(UTF_8), avro.serialize(Topics.SURVEY_RESPONSES, response)));
        }
        Sends.all(producer, records);
    }
}

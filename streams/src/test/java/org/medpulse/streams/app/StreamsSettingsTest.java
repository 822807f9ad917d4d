package org.medpulse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.query.Audience;

/** Each client is handed its own settings and nothing else: the API's token above all reaches no Kafka client. */
class StreamsSettingsTest {

    static final String TOKEN = "s3cret-token-value";

    /** What {@code medpulse streams} hands over: its options, and --kafka-property entries. */
    static Map<String, Object> everything() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.APPLICATION_ID, "medpulse-streams");
        settings.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, "broker:9093");
        settings.put(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, "http://registry:8081");
        settings.put(MedPulseStreamsConfig.HTTP_HOST, "0.0.0.0");
        settings.put(MedPulseStreamsConfig.HTTP_PORT, 7071);
        settings.put(MedPulseStreamsConfig.ADVERTISED_HOST, "10.0.0.5");
        settings.put(SurveyApiConfig.API_TOKEN, TOKEN);
        settings.put(SurveyApiConfig.MIN_CELL_SIZE, 10);
        settings.put(SurveyApiConfig.PEER_TIMEOUT_MS, 2_000L);
        settings.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        settings.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "reader:pw");
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
        return settings;
    }

    final StreamsSettings settings = StreamsSettings.of(everything());

    @Test
    void kafkaStreamsGetsKafkaSettingsAndNeitherTheApisNorTheHttpServersNorTheSerdes() {
        Properties streams = settings.streams().kafkaStreamsProperties("10.0.0.5:7071");

        assertThat(streams.keySet()).map(String::valueOf)
                .noneMatch(key -> key.startsWith("api.") || key.startsWith("medpulse.http.")
                        || key.equals(MedPulseStreamsConfig.ADVERTISED_HOST))
                .doesNotContain(AvroSerdeConfig.SCHEMA_REGISTRY_URL, AvroSerdeConfig.BASIC_AUTH_USER_INFO)
                .contains(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG,
                        StreamsConfig.APPLICATION_SERVER_CONFIG, MedPulseStreamsConfig.ROCKSDB_MEMORY_BYTES);
        assertThat(streams.values()).map(String::valueOf).noneMatch(value -> value.contains(TOKEN));
    }

    @Test
    void theSerdeGetsTheRegistrySettingsOnly() {
        Map<String, Object> serde = settings.streams().serdeConfigs();

        assertThat(serde).containsEntry(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://registry:8081")
                .containsEntry(AvroSerdeConfig.BASIC_AUTH_USER_INFO, "reader:pw");
        assertThat(serde.keySet()).allMatch(AvroSerdeConfig.definition().names()::contains);
        assertThat(serde.values()).map(String::valueOf).noneMatch(value -> value.contains(TOKEN));
    }

    @Test
    void theAdminClientGetsTheClientSettingsOnly() {
        Map<String, Object> admin = settings.streams().adminConfigs();

        assertThat(admin).containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                .doesNotContainKeys(AvroSerdeConfig.SCHEMA_REGISTRY_URL, StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        assertThat(admin.keySet()).noneMatch(key -> key.startsWith("api.") || key.startsWith("medpulse."));
        assertThat(admin.values()).map(String::valueOf).noneMatch(value -> value.contains(TOKEN));
    }

    @Test
    void theApiGetsItsOwnSettingsAndTheApplicationNeverSeesThem() {
        assertThat(settings.api().tokens().audienceOf(TOKEN)).contains(Audience.ANALYST);
        assertThat(settings.api().smallCellPolicy().minCellSize()).isEqualTo(10);
        assertThat(settings.api().originals().keySet()).allMatch(key -> key.startsWith(SurveyApiConfig.PREFIX));
        assertThat(settings.streams().originals().keySet()).noneMatch(key -> key.startsWith(SurveyApiConfig.PREFIX));
    }

    @Test
    void anInstanceBindsLoopbackUnlessAudiencesAreConfigured() {
        assertThat(StreamsSettings.of(Map.of()).streams().httpHost()).isEqualTo("127.0.0.1");

        assertThatThrownBy(() -> StreamsSettings.of(Map.of(MedPulseStreamsConfig.HTTP_HOST, "0.0.0.0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Binding beyond loopback needs API audiences");

        assertThat(StreamsSettings.of(Map.of(MedPulseStreamsConfig.HTTP_HOST, "0.0.0.0",
                SurveyApiConfig.API_TOKENS, "analyst:a-long-analyst-token")).streams().httpHost()).isEqualTo("0.0.0.0");
        assertThat(StreamsSettings.of(Map.of(MedPulseStreamsConfig.HTTP_HOST, "0.0.0.0",
                SurveyApiConfig.DISCLOSURE, "cell-key")).api().tokenlessAudience()).isEqualTo(Audience.PUBLIC);
        assertThat(StreamsSettings.of(Map.of(MedPulseStreamsConfig.HTTP_HOST, "localhost")).api().tokenlessAudience())
                .isEqualTo(Audience.ANALYST);
    }
}

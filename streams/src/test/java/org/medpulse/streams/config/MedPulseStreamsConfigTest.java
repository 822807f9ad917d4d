package org.medpulse.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.medpulse.streams.errors.InvalidResponseHandler;
import org.medpulse.streams.errors.UnreadableRecordHandler;
import org.medpulse.streams.state.BoundedRocksDbMemory;

class MedPulseStreamsConfigTest {

    @Test
    void defaultsAreExactlyOnceWithDeadLettersAndBoundedRocksDb() {
        Properties props = new MedPulseStreamsConfig(Map.of()).kafkaStreamsProperties("10.0.0.5:7070");

        assertThat(props)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "medpulse-streams")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "survey-responses-dlq")
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UnreadableRecordHandler.class)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, InvalidResponseHandler.class)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 64L * 1024 * 1024)
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "10.0.0.5:7070");
    }

    @Test
    void givenSettingsWinAndUnknownOnesPassThrough() {
        Properties props = new MedPulseStreamsConfig(Map.of(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250",
                MedPulseStreamsConfig.DEAD_LETTER_TOPIC, "my-dlq",
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2",
                StreamsConfig.APPLICATION_SERVER_CONFIG, "api.example:80"))
                .kafkaStreamsProperties("ignored:1");

        assertThat(props)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250L)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "my-dlq")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "api.example:80");
    }

    @Test
    void atLeastOnceIsRefusedSayingWhy() {
        assertThatThrownBy(() -> new MedPulseStreamsConfig(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processing.guarantee")
                .hasMessageContaining("exactly_once_v2 only")
                .hasMessageContaining("lose a response or count it twice");
    }

    @Test
    void invalidSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new MedPulseStreamsConfig(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("processing.guarantee");
        assertThatThrownBy(() -> new MedPulseStreamsConfig(Map.of(MedPulseStreamsConfig.HTTP_PORT, "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("medpulse.http.port");
        assertThatThrownBy(() -> new MedPulseStreamsConfig(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, "1024")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("medpulse.rocksdb.memory.bytes");
    }
}

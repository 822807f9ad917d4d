package org.medpulse.producer.publish;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.serde.ConfluentAvroSerializer;

/**
 * Creates the producer every publishing command uses: idempotent, {@code acks=all}, compressed and
 * batched. The user's client properties (connection, security, and any {@code --kafka-property})
 * are applied over these defaults; the serde's settings go to the value serializer only, so Kafka
 * does not warn about unknown producer settings.
 */
public final class ResponseProducers {

    /**
     * What a publishing command sets unless the user overrides it. {@code max.block.ms} is shorter
     * than Kafka's 60 s so that an unreachable cluster is reported within 20 s.
     */
    static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000,
            ProducerConfig.CLIENT_ID_CONFIG, "medpulse-producer");

    private ResponseProducers() {
    }

    /** Producer configuration: defaults, then {@code clientProperties}, without the serde's keys. */
    public static Map<String, Object> producerConfig(Properties clientProperties) {
        Map<String, Object> config = new HashMap<>(DEFAULTS);
        clientProperties.forEach((key, value) -> config.put(String.valueOf(key), value));
        AvroSerdeConfig.definition().names().forEach(config::remove);
        return config;
    }

    /** Serializer configuration: everything the user gave (the serde picks the keys it knows). */
    public static Map<String, Object> serdeConfig(Properties clientProperties) {
        Map<String, Object> config = new HashMap<>();
        clientProperties.forEach((key, value) -> config.put(String.valueOf(key), value));
        return config;
    }

    public static Producer<String, SurveyResponse> create(Properties clientProperties) {
        ConfluentAvroSerializer<SurveyResponse> values = new ConfluentAvroSerializer<>();
        values.configure(serdeConfig(clientProperties), false);
        return new KafkaProducer<>(producerConfig(clientProperties), new StringSerializer(), values);
    }
}

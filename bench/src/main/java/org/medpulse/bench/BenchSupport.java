package org.medpulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.streams.config.MedPulseStreamsConfig;

/** What both benchmarks need around a run: loading responses, a throwaway state directory, pauses. */
final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * The application's own settings on topics and an application id of the run's own
     * ({@code <prefix>-responses-<run>}, {@code medpulse-<prefix>-<run>}, ...), so that runs never meet.
     */
    static Map<String, Object> streamsSettings(Map<String, Object> kafkaProperties, String bootstrapServers,
                                               String registry, String prefix, String run, Path stateDir) {
        Map<String, Object> config = new HashMap<>(kafkaProperties);
        config.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        config.put(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, registry);
        config.put(MedPulseStreamsConfig.APPLICATION_ID, "medpulse-" + prefix + "-" + run);
        config.put(MedPulseStreamsConfig.STATE_DIR, stateDir.toString());
        config.put(MedPulseStreamsConfig.RESPONSES_TOPIC, prefix + "-responses-" + run);
        config.put(MedPulseStreamsConfig.TOOL_CATALOGUE_TOPIC, prefix + "-tool-catalogue-" + run);
        config.put(MedPulseStreamsConfig.DEAD_LETTER_TOPIC, prefix + "-dlq-" + run);
        // A run's own secrets, as an application would keep in its secrets topic: a benchmark that
        // builds the topology without the application still needs the record keys.
        config.putIfAbsent(MedPulseStreamsConfig.RECORD_KEY_SECRET, "bench-record-keys-" + run);
        config.putIfAbsent(MedPulseStreamsConfig.PEER_SECRET, "bench-peer-secret-" + run);
        return config;
    }

    /**
     * Producer settings for loading the synthetic panel (not timed): large batches, and no
     * idempotence. On Kafka's test-kit broker an idempotent producer sometimes never obtained its
     * producer id and every batch expired after 120 s unsent; a redelivered response would be
     * harmless anyway, the topology treats it as one.
     */
    static Map<String, Object> loaderSettings() {
        return Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    }

    /** A response as partners' producers publish it: keyed by respondent, stamped with its submission. */
    static ProducerRecord<String, SurveyResponse> record(String topic, SurveyResponse response) {
        return new ProducerRecord<>(topic, null, response.getSubmittedAt().toEpochMilli(),
                ResponseKey.of(response), response);
    }

    /**
     * Seconds until {@code records} records, the {@code i}th made by {@code record}, are all
     * acknowledged: the raw broker rate the replay and ingestion benchmarks are compared with.
     */
    static double secondsToProduce(Producer<byte[], byte[]> producer, int records,
                                   IntFunction<ProducerRecord<byte[], byte[]>> record) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < records; i++) {
            producer.send(record.apply(i), keepingFirstFailure(failure));
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("Raw produce failed: " + failure.get().getMessage(), failure.get());
        }
        return seconds;
    }

    /** Keeps the first send failure, for the loader to stop on and report. */
    static Callback keepingFirstFailure(AtomicReference<Exception> failure) {
        return (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        };
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is harmless.
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

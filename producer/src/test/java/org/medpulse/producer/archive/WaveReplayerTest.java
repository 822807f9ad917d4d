package org.medpulse.producer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.RecordingProducer;
import org.medpulse.producer.progress.Progress;
import org.medpulse.schemas.SurveySchemas;
import org.medpulse.serde.ConfluentAvroDeserializer;
import org.medpulse.serde.ConfluentAvroSerializer;

class WaveReplayerTest {

    @TempDir
    Path dir;

    private Path archive(String name, List<SurveyResponse> responses) throws Exception {
        Path file = dir.resolve(name);
        try (WaveArchive.Writer writer = WaveArchive.create(file, "2025-06", "survey-responses", Instant.now())) {
            for (SurveyResponse response : responses) {
                writer.append(response);
            }
            writer.commit();
        }
        return file;
    }

    @Test
    void recordsAreRepublishedWithTheirIdsKeysAndOriginalTimestamps() throws Exception {
        List<SurveyResponse> wave = WaveArchiveTest.wave(50);
        Path first = archive("a.avro", wave.subList(0, 20));
        Path second = archive("b.avro", wave.subList(20, wave.size()));
        RecordingProducer producer = new RecordingProducer("replayer", r -> false);
        StringWriter progress = new StringWriter();

        assertThat(WaveReplayer.count(List.of(first, second))).isEqualTo(wave.size());
        ReplayResult result = WaveReplayer.of(producer, "survey-responses")
                .replay(List.of(first, second), Progress.to(new PrintWriter(progress), false, "replay", wave.size()));

        assertThat(result.records()).isEqualTo(wave.size());
        assertThat(result.published()).isEqualTo(wave.size());
        assertThat(result.failures()).isEmpty();
        assertThat(producer.acknowledged()).extracting(ProducerRecord::value).containsExactlyElementsOf(wave);
        assertThat(producer.acknowledged()).allSatisfy(record -> {
            assertThat(record.timestamp()).isEqualTo(record.value().getSubmittedAt().toEpochMilli());
            assertThat(record.key()).isEqualTo(record.value().getPartnerId() + "/" + record.value().getRespondentId());
        });
        assertThat(progress.toString()).contains("replay: " + wave.size() + "/" + wave.size() + " (100%)");
    }

    @Test
    void asAnotherWaveOnlyTheWaveIdChanges() throws Exception {
        List<SurveyResponse> wave = WaveArchiveTest.wave(10);
        Path file = archive("a.avro", wave);
        RecordingProducer producer = new RecordingProducer("replayer", r -> false);
        WaveReplayer.of(producer, "survey-responses").asWave("2025-06-rerun")
                .replay(List.of(file), Progress.to(new PrintWriter(new StringWriter()), false, "replay", 10));
        assertThat(producer.acknowledged()).extracting(r -> r.value().getWaveId()).containsOnly("2025-06-rerun");
        assertThat(producer.acknowledged()).extracting(r -> r.value().getResponseId())
                .containsExactlyElementsOf(wave.stream().map(SurveyResponse::getResponseId).toList());
    }

    /**
     * An archive {@code medpulse export} wrote before schema v2 (see wave-2024-06-v1.md beside it):
     * it opens, every record reads as it was written and as not asked about market drivers, and
     * replay publishes each one unchanged, same id, key and timestamp, still not asked.
     */
    @Test
    void anArchiveWrittenBeforeSchemaV2ReplaysUnchangedAsNotAskedAboutDrivers() throws Exception {
        Path v1 = dir.resolve("wave-2024-06-v1.avro");
        try (InputStream in = WaveReplayerTest.class.getResourceAsStream("wave-2024-06-v1.avro")) {
            Files.copy(in, v1);
        }
        List<String> asWritten;
        try (InputStream in = WaveReplayerTest.class.getResourceAsStream("wave-2024-06-v1.txt")) {
            asWritten = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(asWritten).hasSize(18);
        try (DataFileReader<GenericRecord> generic = new DataFileReader<>(v1.toFile(), new GenericDatumReader<>())) {
            // The v1 class's schema (its strings marked as Java Strings): v1 in its parsing form.
            assertThat(SchemaNormalization.toParsingForm(generic.getSchema()))
                    .as("written with v1").isEqualTo(SchemaNormalization.toParsingForm(SurveySchemas.v1()));
        }

        List<SurveyResponse> read = new ArrayList<>();
        try (WaveArchive.Reader archive = WaveArchive.open(v1)) {
            assertThat(archive.wave()).contains("2024-06");
            archive.forEach(read::add);
        }
        assertThat(read).extracting(SurveyResponse::getMarketDrivers).hasSize(18).containsOnlyNulls();
        // Every v1 field as the v1 build printed it; v2 adds only the trailing "not asked".
        assertThat(read).extracting(r -> r.toString().replace(", \"marketDrivers\": null}", "}"))
                .containsExactlyElementsOf(asWritten);

        RecordingProducer producer = new RecordingProducer("replayer-v1", r -> false);
        assertThat(WaveReplayer.count(List.of(v1))).isEqualTo(18);
        ReplayResult result = WaveReplayer.of(producer, "survey-responses")
                .replay(List.of(v1), Progress.to(new PrintWriter(new StringWriter()), false, "replay", 18));
        assertThat(result.published()).isEqualTo(18);
        assertThat(producer.acknowledged()).extracting(ProducerRecord::value).containsExactlyElementsOf(read);
        assertThat(producer.acknowledged()).allSatisfy(record -> {
            assertThat(record.timestamp()).isEqualTo(record.value().getSubmittedAt().toEpochMilli());
            assertThat(record.key()).isEqualTo(record.value().getPartnerId() + "/" + record.value().getRespondentId());
        });
        // As the producer's serializer writes them and the streams application reads them: not asked.
        Map<String, String> serde = Map.of("schema.registry.url", "mock://replayer-v1");
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>();
                ConfluentAvroDeserializer<SurveyResponse> deserializer = new ConfluentAvroDeserializer<>(SurveyResponse.class)) {
            serializer.configure(serde, false);
            deserializer.configure(serde, false);
            assertThat(producer.acknowledged()).allSatisfy(record -> assertThat(deserializer.deserialize(
                    "survey-responses", serializer.serialize("survey-responses", record.value())))
                    .isEqualTo(record.value()).extracting(SurveyResponse::getMarketDrivers).isNull());
        }
    }

    @Test
    void failedSendsAreReported() throws Exception {
        List<SurveyResponse> wave = WaveArchiveTest.wave(10);
        Path file = archive("a.avro", wave);
        String failing = wave.get(3).getResponseId();
        RecordingProducer producer = new RecordingProducer("replayer", r -> r.getResponseId().equals(failing));
        ReplayResult result = WaveReplayer.of(producer, "survey-responses")
                .replay(List.of(file), Progress.to(new PrintWriter(new StringWriter()), false, "replay", 10));
        assertThat(result.published()).isEqualTo(wave.size() - 1);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo("a.avro #4 (" + failing + ")");
            assertThat(f.reason()).contains("Expiring");
        });
    }
}

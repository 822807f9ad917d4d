package org.medpulse.producer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.RecordingProducer;
import org.medpulse.producer.progress.Progress;

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

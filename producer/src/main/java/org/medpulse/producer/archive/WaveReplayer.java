package org.medpulse.producer.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.UnusableFileException;
import org.medpulse.producer.progress.Progress;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.RateLimiter;
import org.medpulse.producer.publish.ResponsePublisher;

/**
 * Republishes archived responses as they were: same response ids (so a replay is idempotent
 * downstream), the original {@code submittedAt} as record timestamp, keyed by partner and
 * respondent. Optionally under another wave id ({@code --as-wave}), and paced.
 */
public final class WaveReplayer {

    private final Producer<String, SurveyResponse> producer;
    private final String topic;
    private final RateLimiter rate;
    private final Optional<String> asWave;

    private WaveReplayer(Producer<String, SurveyResponse> producer, String topic, RateLimiter rate,
            Optional<String> asWave) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.rate = Objects.requireNonNull(rate, "rate");
        this.asWave = Objects.requireNonNull(asWave, "asWave");
    }

    public static WaveReplayer of(Producer<String, SurveyResponse> producer, String topic) {
        return new WaveReplayer(producer, topic, RateLimiter.unlimited(), Optional.empty());
    }

    public WaveReplayer pacedBy(RateLimiter rate) {
        return new WaveReplayer(producer, topic, rate, asWave);
    }

    /** Replays the records under wave {@code wave} instead of their own. */
    public WaveReplayer asWave(String wave) {
        return new WaveReplayer(producer, topic, rate, Optional.of(wave));
    }

    /** How many records {@code archives} hold together (checks that each is a readable archive). */
    public static long count(List<Path> archives) throws UnusableFileException {
        long total = 0;
        for (Path archive : archives) {
            total += WaveArchive.count(archive);
        }
        return total;
    }

    public ReplayResult replay(List<Path> archives, Progress progress) throws UnusableFileException {
        long started = System.nanoTime();
        ResponsePublisher<String> publisher = new ResponsePublisher<>(producer, topic);
        long records = 0;
        for (Path file : archives) {
            try (WaveArchive.Reader archive = WaveArchive.open(file)) {
                for (SurveyResponse response : archive) {
                    rate.acquire();
                    asWave.ifPresent(response::setWaveId);
                    publisher.send(response, response.getSubmittedAt().toEpochMilli(),
                            file.getFileName() + " #" + (records + 1) + " (" + response.getResponseId() + ")");
                    records++;
                    progress.advance(1);
                }
            } catch (IOException | AvroRuntimeException e) {
                // What was sent is still accounted for before giving up.
                PublishResult<String> sent = publisher.finish();
                throw new IllegalStateException(file + " is damaged after " + records + " records (" + e.getMessage()
                        + "); " + sent.acknowledged() + " records were published before it", e);
            }
        }
        PublishResult<String> result = publisher.finish();
        progress.finish();
        return new ReplayResult(records, result.acknowledged(), new ArrayList<>(result.failures()),
                Duration.ofNanos(System.nanoTime() - started));
    }
}

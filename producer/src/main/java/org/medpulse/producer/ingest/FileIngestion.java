package org.medpulse.producer.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.ResponsePublisher;
import org.medpulse.producer.publish.SendFailure;

/**
 * Ingests one partner file: validates each row, publishes the valid ones, and accounts for every
 * row. A row whose send fails becomes a reject ("not published: …"), so that
 * {@code published + rejected = rows} holds whatever the broker does.
 */
public final class FileIngestion {

    private final ResponseValidator validator;
    private final Producer<String, SurveyResponse> producer;
    private final String topic;
    private final BooleanSupplier stopRequested;

    private FileIngestion(ResponseValidator validator, Producer<String, SurveyResponse> producer, String topic,
            BooleanSupplier stopRequested) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.producer = producer;
        this.topic = topic;
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
    }

    /** Validates, and publishes valid rows to {@code topic} through {@code producer} (which may be shared). */
    public static FileIngestion publishing(ResponseValidator validator, Producer<String, SurveyResponse> producer,
            String topic) {
        return new FileIngestion(validator, Objects.requireNonNull(producer, "producer"),
                Objects.requireNonNull(topic, "topic"), () -> false);
    }

    /** Validates only: the summary's {@code published} counts the rows that would be published. */
    public static FileIngestion dryRun(ResponseValidator validator) {
        return new FileIngestion(validator, null, null, () -> false);
    }

    /** A copy validating with {@code validator} (e.g. rules whose clock starts with this file). */
    public FileIngestion validatingWith(ResponseValidator validator) {
        return new FileIngestion(validator, producer, topic, stopRequested);
    }

    /** A copy that stops reading (and leaves the result incomplete) once {@code stopRequested} says so. */
    public FileIngestion stoppingWhen(BooleanSupplier stopRequested) {
        return new FileIngestion(validator, producer, topic, stopRequested);
    }

    /** The outcome of one file: its summary and its rejects, ordered by line. */
    public record Result(IngestSummary summary, List<Reject> rejects) {
        public Result {
            rejects = List.copyOf(rejects);
        }
    }

    public Result ingest(PartnerFile file) {
        long started = System.nanoTime();
        ResponsePublisher<ValidRow> publisher = producer == null ? null : new ResponsePublisher<>(producer, topic);
        List<Reject> rejects = new ArrayList<>();
        long rows = 0;
        long valid = 0;
        boolean complete = true;
        try (Stream<ReadRow> records = file.rows()) {
            for (var iterator = records.iterator(); iterator.hasNext(); ) {
                if (stopRequested.getAsBoolean()) {
                    complete = false;
                    break;
                }
                ReadRow read = iterator.next();
                rows++;
                RowOutcome outcome = read instanceof SourceRow row ? validator.validate(row) : (Reject) read;
                if (outcome instanceof ValidRow validRow) {
                    valid++;
                    if (publisher != null) {
                        publisher.send(validRow.response(), null, validRow);
                    }
                } else {
                    rejects.add((Reject) outcome);
                }
            }
        }
        long published = valid;
        long failedSends = 0;
        if (publisher != null) {
            PublishResult<ValidRow> result = publisher.finish();
            for (SendFailure<ValidRow> failure : result.failures()) {
                ValidRow row = failure.source();
                rejects.add(Reject.ofRow(row.line(), "not published: " + failure.reason(), row.raw()));
            }
            failedSends = result.failures().size();
            published = result.acknowledged();
        }
        rejects.sort(Comparator.comparingLong(Reject::line));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        IngestSummary summary = new IngestSummary(file.path(), rows, published, rejects.size(), failedSends,
                elapsed, publisher == null, complete);
        return new Result(summary, rejects);
    }
}

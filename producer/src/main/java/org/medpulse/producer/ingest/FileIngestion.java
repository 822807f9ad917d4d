package org.medpulse.producer.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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

    /** Ingests {@code file}, its rejects collected in memory (for small files; see {@link #ingest(PartnerFile, Consumer)}). */
    public Result ingest(PartnerFile file) {
        List<Reject> rejects = new ArrayList<>();
        IngestSummary summary = ingest(file, rejects::add);
        rejects.sort(Comparator.comparingLong(Reject::line));
        return new Result(summary, rejects);
    }

    /**
     * Ingests {@code file} as it is read, in memory that does not grow with it: each rejected row
     * goes to {@code rejects} as soon as it is known, in line order while reading, then the rows
     * whose send failed (e.g. {@link RejectsFile.Writer}).
     *
     * <p>A row with the same respondent, wave and {@code submitted_at} as an earlier row of the
     * file but other answers is rejected, naming the earlier line: it would be taken downstream
     * for a correction that cannot be ordered after the answer it corrects.
     */
    public IngestSummary ingest(PartnerFile file, Consumer<Reject> rejects) {
        long started = System.nanoTime();
        ResponsePublisher<Reject> publisher = producer == null ? null : new ResponsePublisher<>(producer, topic);
        long rows = 0;
        long valid = 0;
        long rejected = 0;
        boolean complete = true;
        MinutePrecision precision = new MinutePrecision();
        try (EarlierAnswers earlier = new EarlierAnswers();
                ValidatedRows outcomes = ValidatedRows.start(file, validator::validate)) {
            for (RowOutcome outcome = outcomes.next(); outcome != null; outcome = outcomes.next()) {
                if (stopRequested.getAsBoolean()) {
                    complete = false;
                    break;
                }
                rows++;
                if (outcome instanceof ValidRow validRow) {
                    outcome = notACorrectionOfTheSameInstant(validRow, earlier);
                }
                if (outcome instanceof ValidRow validRow) {
                    valid++;
                    precision.add(validRow);
                    if (publisher != null) {
                        // What a failed send becomes: its reason is filled in when the send fails.
                        publisher.send(validRow.response(), null, Reject.ofRow(validRow.line(), "", validRow.raw()));
                    }
                } else {
                    rejected++;
                    rejects.accept((Reject) outcome);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long published = valid;
        long failedSends = 0;
        if (publisher != null) {
            PublishResult<Reject> result = publisher.finish();
            for (SendFailure<Reject> failure : result.failures()) {
                Reject row = failure.source();
                rejects.accept(Reject.ofRow(row.line(), "not published: " + failure.reason(), row.raw()));
            }
            failedSends = result.failures().size();
            rejected += failedSends;
            published = result.acknowledged();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        List<String> warnings = precision.warning(file.path()).stream().toList();
        return new IngestSummary(file.path(), rows, published, rejected, failedSends, elapsed, publisher == null,
                complete, warnings);
    }

    private static RowOutcome notACorrectionOfTheSameInstant(ValidRow row, EarlierAnswers earlier) throws IOException {
        SurveyResponse response = row.response();
        String key = response.getRespondentId() + '\u001F' + response.getWaveId() + '\u001F'
                + response.getSubmittedAt().toEpochMilli();
        UUID content = row.content();
        EarlierAnswers.Earlier first = earlier.first(key, row.line(), content);
        if (first == null || first.content().equals(content)) {
            return row; // the first answer with this key, or the same answer again (a redelivery)
        }
        return new Reject(row.line(), Column.SUBMITTED_AT.headerName(), "line " + first.line()
                + " has another answer of this respondent in this wave with the same submitted_at: a correction "
                + "must be dated after the answer it corrects (send seconds, or response ids)", row.raw());
    }

    /** Whether every valid row is dated to the whole minute and none brings its response id. */
    private static final class MinutePrecision {
        private long rows;
        private boolean onlyMinutesAndDerivedIds = true;

        void add(ValidRow row) {
            rows++;
            onlyMinutesAndDerivedIds &= row.idDerived() && row.response().getSubmittedAt().toEpochMilli() % 60_000 == 0;
        }

        Optional<String> warning(Path file) {
            if (rows == 0 || !onlyMinutesAndDerivedIds) {
                return Optional.empty();
            }
            return Optional.of(file + ": every submitted_at is a whole minute and no row has a response_id: two "
                    + "answers of one respondent in one minute are told apart by their content only (in one file the "
                    + "later is rejected); send seconds or a response_id column");
        }
    }
}

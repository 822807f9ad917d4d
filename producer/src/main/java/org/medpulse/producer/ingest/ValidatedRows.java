package org.medpulse.producer.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A partner file's rows, read and validated on a thread of their own, ahead of the thread that
 * checks and publishes them: reading and validating a row is half of ingesting it, and rows are
 * independent of one another until the correction check, which needs them in line order. One
 * thread reads and validates, in line order, and hands over batches through a bounded queue, so
 * the rows come out exactly in the order of the file and memory does not grow with it (at most
 * {@link #BATCHES_AHEAD} batches of {@link #BATCH_ROWS} rows wait).
 *
 * <p>Whatever the reading thread throws (a file that cannot be read any more, an error while
 * validating) is thrown by {@link #next()} once the rows before it have been taken, so no row is
 * lost silently. {@link #close()} stops the reading thread (when the consumer stops early or fails)
 * and waits for it, so that the file is closed when this is.
 */
final class ValidatedRows implements AutoCloseable {

    /** Rows handed over at once: a hand-over per row would cost more than reading it. */
    static final int BATCH_ROWS = 256;
    static final int BATCHES_AHEAD = 8;

    /** The rows of one batch, in line order, or why reading stopped (then the last batch). */
    private record Batch(List<RowOutcome> outcomes, Throwable failure, boolean last) {
    }

    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private Iterator<RowOutcome> current = List.<RowOutcome>of().iterator();
    private boolean ended;
    private Throwable failure;

    private ValidatedRows(PartnerFile file, Function<SourceRow, RowOutcome> validation) {
        reader = new Thread(() -> read(file, validation), "medpulse-ingest-reader");
        reader.setDaemon(true);
    }

    /** Starts reading {@code file}, each well-formed row validated by {@code validation}. */
    static ValidatedRows start(PartnerFile file, Function<SourceRow, RowOutcome> validation) {
        ValidatedRows rows = new ValidatedRows(file, validation);
        rows.reader.start();
        return rows;
    }

    /**
     * The next row's outcome in line order, or null after the last; once the rows read before it
     * are taken, rethrows (as it was thrown) what stopped the reading thread.
     */
    RowOutcome next() {
        while (!current.hasNext()) {
            if (failure != null) {
                throw rethrown(failure);
            }
            if (ended) {
                return null;
            }
            Batch batch = take();
            current = batch.outcomes().iterator();
            ended = batch.last();
            failure = batch.failure();
        }
        return current.next();
    }

    private Batch take() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return batches.take();
                } catch (InterruptedException e) {
                    // Reading never waits on the consumer, so the next batch always comes: an
                    // interrupt is kept for the caller rather than losing rows.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error; // out of memory, say: the caller decides, as when reading on its own thread
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("Reading the partner file failed: " + failure.getMessage(), failure);
    }

    private void read(PartnerFile file, Function<SourceRow, RowOutcome> validation) {
        List<RowOutcome> batch = new ArrayList<>(BATCH_ROWS);
        try (Stream<ReadRow> rows = file.rows()) {
            for (Iterator<ReadRow> iterator = rows.iterator(); !closed && iterator.hasNext(); ) {
                ReadRow read = iterator.next();
                batch.add(read instanceof SourceRow row ? validation.apply(row) : (Reject) read);
                if (batch.size() == BATCH_ROWS) {
                    hand(new Batch(batch, null, false));
                    batch = new ArrayList<>(BATCH_ROWS);
                }
            }
            hand(new Batch(batch, null, true));
        } catch (Throwable failure) {
            // The rows validated before the failure come first, then the failure.
            hand(new Batch(batch, failure, true));
        }
    }

    /**
     * Hands a batch over, unless the consumer has gone. Once it has, the queue was emptied and
     * this thread hands over at most two more batches before it sees so: it never blocks here.
     */
    private void hand(Batch batch) {
        if (closed) {
            return;
        }
        try {
            batches.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the reading thread (if it still reads) and waits until it has closed the file. */
    @Override
    public void close() {
        closed = true;
        batches.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Rows read and validated on their own thread come out as they would on the caller's: all, in order, failures last. */
class ValidatedRowsTest {

    /** A file of {@code rows} records from line 2, every tenth malformed; closing its stream is recorded. */
    private static final class FakeFile implements PartnerFile {
        private final Stream<ReadRow> rows;
        final AtomicBoolean closed = new AtomicBoolean();

        FakeFile(Stream<ReadRow> rows) {
            this.rows = rows.onClose(() -> closed.set(true));
        }

        static FakeFile of(long rows) {
            return new FakeFile(LongStream.rangeClosed(2, rows + 1).mapToObj(FakeFile::row));
        }

        static ReadRow row(long line) {
            return line % 10 == 0 ? Reject.ofRow(line, "wrong number of values", "raw " + line)
                    : new SourceRow(line, Map.of(Column.RESPONDENT_ID, Cell.text("r" + line)), "raw " + line);
        }

        @Override
        public Path path() {
            return Path.of("fake.csv");
        }

        @Override
        public Stream<ReadRow> rows() {
            return rows;
        }
    }

    /** A validation that rejects every row, naming the line it saw: enough to tell rows apart. */
    private static RowOutcome validation(SourceRow row) {
        return new Reject(row.line(), Column.RESPONDENT_ID.headerName(), "validated on line " + row.line(), row.raw());
    }

    private static List<RowOutcome> drain(ValidatedRows rows, List<RowOutcome> into) {
        for (RowOutcome outcome = rows.next(); outcome != null; outcome = rows.next()) {
            into.add(outcome);
        }
        return into;
    }

    @Test
    void everyRowComesOutOnceInLineOrderValidatedOrPassedThroughAcrossManyBatches() {
        long count = 10L * ValidatedRows.BATCH_ROWS * ValidatedRows.BATCHES_AHEAD + 7;
        FakeFile file = FakeFile.of(count);
        List<RowOutcome> outcomes;
        try (ValidatedRows rows = ValidatedRows.start(file, ValidatedRowsTest::validation)) {
            outcomes = drain(rows, new ArrayList<>());
            assertThat(rows.next()).as("after the last row").isNull();
        }
        assertThat(outcomes).extracting(RowOutcome::line)
                .containsExactlyElementsOf(LongStream.rangeClosed(2, count + 1).boxed().toList());
        assertThat(outcomes).allSatisfy(outcome -> assertThat(((Reject) outcome).reason())
                .isEqualTo(outcome.line() % 10 == 0 ? "wrong number of values" : "validated on line " + outcome.line()));
        assertThat(file.closed).isTrue();
    }

    @Test
    void aFileThatCannotBeReadOnFailsAfterEveryRowReadBeforeAndIsClosed() {
        UncheckedIOException unreadable = new UncheckedIOException(new IOException("disk gone"));
        long failingLine = 3L * ValidatedRows.BATCH_ROWS + 5;
        FakeFile file = new FakeFile(LongStream.rangeClosed(2, 10_000).mapToObj(line -> {
            if (line == failingLine) {
                throw unreadable;
            }
            return FakeFile.row(line);
        }));
        List<RowOutcome> outcomes = new ArrayList<>();
        try (ValidatedRows rows = ValidatedRows.start(file, ValidatedRowsTest::validation)) {
            assertThatThrownBy(() -> drain(rows, outcomes)).isSameAs(unreadable);
            assertThatThrownBy(rows::next).as("and again").isSameAs(unreadable);
        }
        assertThat(outcomes).extracting(RowOutcome::line)
                .containsExactlyElementsOf(LongStream.range(2, failingLine).boxed().toList());
        assertThat(file.closed).isTrue();
    }

    @Test
    void aValidationThatThrowsLosesNoRowSilently() {
        IllegalStateException bug = new IllegalStateException("a bug in validation");
        Function<SourceRow, RowOutcome> failingOnLine701 = row -> {
            if (row.line() == 701) {
                throw bug;
            }
            return validation(row);
        };
        List<RowOutcome> outcomes = new ArrayList<>();
        try (ValidatedRows rows = ValidatedRows.start(FakeFile.of(5_000), failingOnLine701)) {
            assertThatThrownBy(() -> drain(rows, outcomes)).isSameAs(bug);
        }
        assertThat(outcomes).extracting(RowOutcome::line)
                .containsExactlyElementsOf(LongStream.range(2, 701).boxed().toList());
    }

    @Test
    void anErrorOfTheReadingThreadIsThrownAsItIs() {
        OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
        Function<SourceRow, RowOutcome> exhausting = row -> {
            throw outOfMemory;
        };
        try (ValidatedRows rows = ValidatedRows.start(FakeFile.of(10), exhausting)) {
            assertThatThrownBy(rows::next).isSameAs(outOfMemory);
        }
    }

    @Test
    void closingBeforeTheEndStopsTheReadingThreadAndClosesTheFile() {
        AtomicLong read = new AtomicLong();
        FakeFile endless = new FakeFile(Stream.iterate(2L, line -> line + 1).map(line -> {
            read.incrementAndGet();
            return FakeFile.row(line);
        }));
        try (ValidatedRows rows = ValidatedRows.start(endless, ValidatedRowsTest::validation)) {
            assertThat(rows.next().line()).isEqualTo(2);
            assertThat(rows.next().line()).isEqualTo(3);
        }
        // close() returns once the reading thread has stopped and closed the file: no await needed.
        assertThat(endless.closed).isTrue();
        long readWhenClosed = read.get();
        assertThat(readWhenClosed).isLessThanOrEqualTo((ValidatedRows.BATCHES_AHEAD + 3L) * ValidatedRows.BATCH_ROWS);
        assertThat(read.get()).as("nothing read after close").isEqualTo(readWhenClosed);
    }
}

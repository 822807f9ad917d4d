package org.medpulse.producer.ingest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * The rejects report: a CSV file with the header {@code line,field,reason,raw}, one row per
 * rejected input row, ordered by line. {@code field} is empty when the whole line is unusable.
 *
 * <p>The report is safe to open in a spreadsheet: a cell that a spreadsheet would take for a
 * formula (one beginning with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return) is written quoted and prefixed with a single quote, as OWASP recommends against CSV
 * injection. Every other cell, {@code raw} included, is the text as sent.
 */
public final class RejectsFile {

    public static final List<String> HEADER = List.of("line", "field", "reason", "raw");
    public static final String SUFFIX = ".rejects.csv";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n')
            .get();
    private static final CSVFormat QUOTED = FORMAT.builder().setQuoteMode(QuoteMode.ALL).get();
    private static final CSVFormat READ_BACK = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private RejectsFile() {
    }

    /** Where the rejects of {@code input} go by default: beside it, as {@code FILE.rejects.csv}. */
    public static Path besides(Path input) {
        return input.resolveSibling(input.getFileName() + SUFFIX);
    }

    /** Writes {@code rejects} to {@code target}, replacing it whole (never a half-written report). */
    public static void write(Path target, Collection<Reject> rejects) throws IOException {
        try (Writer writer = writer(target)) {
            rejects.forEach(writer);
            writer.commit();
        }
    }

    /** A report written as rejects come, which replaces {@code target} when {@linkplain Writer#commit() committed}. */
    public static Writer writer(Path target) throws IOException {
        return new Writer(target);
    }

    /** True for a cell a spreadsheet would evaluate: one beginning with {@code = + - @}, a tab or a carriage return. */
    static boolean looksLikeFormula(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /**
     * Writes a report as rows come: rows in line order go to a hidden temporary file at once, so
     * that the memory used does not grow with the rejects; rows that come out of order (rows whose
     * send failed, known only once every row was read) are kept and merged in on commit.
     */
    public static final class Writer implements Closeable, Consumer<Reject> {
        private final Path target;
        private final Path temporary;
        private final BufferedWriter out;
        private final List<Reject> late = new ArrayList<>();
        private long lastLine = Long.MIN_VALUE;
        private boolean committed;

        private Writer(Path target) throws IOException {
            this.target = target;
            this.temporary = SafeWrites.temporaryFor(target);
            this.out = SafeWrites.createNew(temporary);
            print(out, HEADER, false);
        }

        @Override
        public void accept(Reject reject) {
            if (reject.line() < lastLine) {
                late.add(reject);
                return;
            }
            lastLine = reject.line();
            try {
                print(out, reject);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Finishes the report and puts it in place of the target. */
        public void commit() throws IOException {
            commitAs(target);
        }

        /** Finishes the report as {@code destination} (e.g. beside a delivery moved to failed/ rather than done/). */
        public void commitAs(Path destination) throws IOException {
            out.close();
            if (late.isEmpty()) {
                SafeWrites.replace(temporary, destination);
            } else {
                late.sort(Comparator.comparingLong(Reject::line));
                Path merged = temporary.resolveSibling(temporary.getFileName() + ".merged");
                try (BufferedWriter mergedOut = SafeWrites.createNew(merged)) {
                    mergeInto(mergedOut);
                }
                SafeWrites.replace(merged, destination);
                Files.delete(temporary);
            }
            committed = true;
        }

        private void mergeInto(java.io.Writer merged) throws IOException {
            print(merged, HEADER, false);
            Iterator<Reject> lateRows = late.iterator();
            Reject nextLate = lateRows.hasNext() ? lateRows.next() : null;
            try (Reader in = Files.newBufferedReader(temporary, StandardCharsets.UTF_8);
                    CSVParser written = READ_BACK.parse(in)) {
                for (CSVRecord record : written) {
                    long line = Long.parseLong(record.get(0));
                    while (nextLate != null && nextLate.line() < line) {
                        print(merged, nextLate);
                        nextLate = lateRows.hasNext() ? lateRows.next() : null;
                    }
                    print(merged, record.toList(), true);
                }
            }
            while (nextLate != null) {
                print(merged, nextLate);
                nextLate = lateRows.hasNext() ? lateRows.next() : null;
            }
        }

        /** Discards the report unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!committed) {
                out.close();
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void print(Appendable out, Reject reject) throws IOException {
        print(out, List.of(Long.toString(reject.line()), reject.field(), reject.reason(), reject.raw()), false);
    }

    /** One record; {@code neutralised} cells (read back from the report) already have their single quote. */
    private static void print(Appendable out, List<String> cells, boolean neutralised) throws IOException {
        boolean first = true;
        for (String cell : cells) {
            String shown = !neutralised && looksLikeFormula(cell) ? "'" + cell : cell;
            boolean quoted = shown.startsWith("'") && looksLikeFormula(shown.substring(1));
            (quoted ? QUOTED : FORMAT).print(shown, out, first);
            first = false;
        }
        out.append('\n');
    }
}

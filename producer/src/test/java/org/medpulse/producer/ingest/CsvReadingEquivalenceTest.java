package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The streaming CSV reader reads exactly what the reader it replaced read: the same rows and
 * rejects, on the same lines, with the same values, reasons and raw text, whatever the quoting.
 * The reader it replaced is kept here as the reference: one commons-csv parser over the whole text,
 * restarted on the line after each record it could not read (quadratic in broken files).
 */
class CsvReadingEquivalenceTest {

    static final String HEADER = "respondent_id,wave,submitted_at,practice_type,usage_frequency";

    @Provide
    Arbitrary<String> bodies() {
        // Quotes, delimiters, line breaks of every kind and spaces, densely mixed.
        Arbitrary<String> pieces = Arbitraries.of("\"", "\"\"", ",", "a", "b", " ", "\n", "\r\n", "\r", ";", "\",\"",
                "a,b,c,d,e", "\"x\"", "\"\n");
        return pieces.list().ofMaxSize(60).map(list -> String.join("", list));
    }

    @Property(tries = 3000)
    void theStreamingReaderReadsWhatTheWholeFileParserRead(@ForAll("bodies") String body) throws Exception {
        String text = HEADER + "\n" + body;
        Path dir = Files.createTempDirectory("csv-equivalence");
        try {
            Path file = dir.resolve("delivery.csv");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            List<String> streamed;
            try (var rows = PartnerFile.open(file, w -> { }).rows()) {
                streamed = rows.map(CsvReadingEquivalenceTest::describe).toList();
            }
            assertThat(streamed).containsExactlyElementsOf(PreviousReader.read(text));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String describe(ReadRow row) {
        if (row instanceof Reject reject) {
            return reject.line() + " reject [" + reject.field() + "] " + reject.reason() + " raw=" + reject.raw();
        }
        SourceRow source = (SourceRow) row;
        List<String> values = new ArrayList<>();
        for (Column column : List.of(Column.RESPONDENT_ID, Column.WAVE, Column.SUBMITTED_AT, Column.PRACTICE_TYPE,
                Column.USAGE_FREQUENCY)) {
            values.add(((Cell.Text) source.cells().get(column)).value());
        }
        return source.line() + " row " + values + " raw=" + source.raw();
    }

    /** The reader before streaming, as it was (whole text in memory, a new parser after each failure). */
    @SuppressWarnings("deprecation") // the constructor the previous reader used
    static final class PreviousReader {
        private final String text;
        private final int[] lineStarts;

        private PreviousReader(String text) {
            this.text = text;
            int[] starts = new int[16];
            int count = 0;
            starts[count++] = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
                if (lineBreak && i + 1 < text.length()) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            this.lineStarts = Arrays.copyOf(starts, count);
        }

        static List<String> read(String text) throws IOException {
            PreviousReader reader = new PreviousReader(text);
            long headerEnd;
            try (CSVParser parser = reader.parser(1)) {
                parser.iterator().next();
                headerEnd = parser.getCurrentLineNumber();
            }
            return reader.records(headerEnd + 1);
        }

        private int lineCount() {
            return text.isEmpty() ? 0 : lineStarts.length;
        }

        private long lineAt(long offset) {
            int index = Arrays.binarySearch(lineStarts, (int) offset);
            return (index >= 0 ? index : -index - 2) + 1L;
        }

        private int startOf(long line) {
            return line > lineStarts.length ? text.length() : lineStarts[(int) line - 1];
        }

        private String lines(long first, long last) {
            int from = startOf(first);
            int to = last >= lineStarts.length ? text.length() : lineStarts[(int) last];
            String s = text.substring(from, Math.max(from, to));
            int end = s.length();
            if (end > 0 && s.charAt(end - 1) == '\n') {
                end--;
            }
            if (end > 0 && s.charAt(end - 1) == '\r') {
                end--;
            }
            return s.substring(0, end);
        }

        private CSVParser parser(long fromLine) throws IOException {
            int offset = startOf(fromLine);
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(',').setIgnoreEmptyLines(false).get();
            return new CSVParser(new StringReader(text.substring(offset)), format, offset, 0);
        }

        private List<String> records(long firstDataLine) throws IOException {
            List<String> out = new ArrayList<>();
            long nextLine = firstDataLine;
            CSVParser parser = null;
            Iterator<CSVRecord> iterator = null;
            long lineBase = 0;
            while (true) {
                if (parser == null) {
                    if (nextLine > lineCount()) {
                        return out;
                    }
                    parser = parser(nextLine);
                    iterator = parser.iterator();
                    lineBase = nextLine - 1;
                }
                try {
                    if (!iterator.hasNext()) {
                        return out;
                    }
                    CSVRecord record = iterator.next();
                    long start = lineAt(record.getCharacterPosition());
                    long end = Math.max(start, lineBase + parser.getCurrentLineNumber());
                    nextLine = end + 1;
                    String raw = lines(start, end);
                    if (!raw.isBlank()) {
                        out.add(describe(record, start, raw));
                    }
                } catch (UncheckedIOException | IllegalStateException e) {
                    long failed = nextLine;
                    parser = null;
                    nextLine = failed + 1;
                    out.add(failed + " reject [] " + CsvPartnerFile.BROKEN_QUOTING + " raw=" + lines(failed, failed));
                }
            }
        }

        private static String describe(CSVRecord record, long line, String raw) {
            if (record.size() != 5) {
                return line + " reject [] wrong number of values: the header has 5 columns, this row " + record.size()
                        + " raw=" + raw;
            }
            return line + " row " + record.toList() + " raw=" + raw;
        }
    }
}

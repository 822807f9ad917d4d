package org.medpulse.producer.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * A partner CSV file: header row first (blank lines before it are skipped), delimiter {@code ,} or
 * {@code ;} (whichever the header line holds more of; {@code ,} on a tie), RFC 4180 quoting parsed
 * by commons-csv. The file is streamed: memory does not grow with its size.
 *
 * <p>A record that commons-csv cannot read (a broken quote) rejects the physical line where it
 * starts, and reading goes on from the next line: one broken quote costs one row, not the rest of
 * the file. commons-csv cannot resume after such an error, so each record is parsed on its own:
 * at the start of a line, the lexer is either at the start of a record or inside a quoted value
 * that an earlier line opened, and each line is read by commons-csv in the state it starts in.
 * When a quoted value that runs over several lines fails, the lines it ran over are read again
 * as records, but the quoted run itself is never read twice: every later record whose quoted value
 * runs into the same failure fails without reading on. Reading is thus linear in the file's size,
 * whatever its quoting.
 */
public final class CsvPartnerFile implements PartnerFile {

    static final String BROKEN_QUOTING = "broken quoting: a quoted value must end with a quote followed by "
            + "the delimiter or the end of the line, and quotes inside it must be doubled (\"\")";

    private final FileLines.Source source;
    private final char delimiter;
    private final CSVFormat format;
    /** Column of each header position; null for ignored (unknown or unnamed) columns. */
    private final List<Column> columns;
    private final long firstDataByte;
    private final long firstDataLine;

    private CsvPartnerFile(FileLines.Source source, char delimiter, CSVFormat format, List<Column> columns,
            long firstDataByte, long firstDataLine) {
        this.source = source;
        this.delimiter = delimiter;
        this.format = format;
        this.columns = columns;
        this.firstDataByte = firstDataByte;
        this.firstDataLine = firstDataLine;
    }

    static CsvPartnerFile of(FileLines.Source source, Consumer<String> warnings) throws UnusableFileException {
        Path path = source.path();
        try (FileLines lines = source.lines()) {
            FileLines.Line first = lines.next();
            while (first != null && first.text().isBlank() && !first.tooLong()) {
                first = lines.next();
            }
            if (first == null) {
                throw new UnusableFileException(path, "the file is empty: a header row is required");
            }
            char delimiter = detectDelimiter(first.text());
            CSVFormat format = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .get();
            lines.seek(first.start(), first.number());
            Record header = new Records(lines, format, delimiter).next();
            if (header.problem() != null) {
                throw new UnusableFileException(path, "the header row (line " + first.number()
                        + ") is not valid CSV: " + header.problem());
            }
            List<Column> columns = columns(path, header.values(), warnings);
            return new CsvPartnerFile(source, delimiter, format, columns, lines.offset(), lines.nextLineNumber());
        } catch (IOException e) {
            throw new UnusableFileException(path, "cannot read it: " + e.getMessage());
        }
    }

    /** {@code ;} when the header line has more semicolons than commas, else {@code ,}. */
    static char detectDelimiter(String headerLine) {
        long commas = headerLine.chars().filter(c -> c == ',').count();
        long semicolons = headerLine.chars().filter(c -> c == ';').count();
        return semicolons > commas ? ';' : ',';
    }

    private static List<Column> columns(Path path, List<String> header, Consumer<String> warnings)
            throws UnusableFileException {
        List<Column> columns = new ArrayList<>(header.size());
        Map<Column, Integer> seen = new EnumMap<>(Column.class);
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            Column column = Column.byHeaderName(name).orElse(null);
            if (column == null) {
                unknown.add(name.isEmpty() ? "(unnamed column " + (i + 1) + ")" : name);
            } else if (seen.putIfAbsent(column, i) != null) {
                throw new UnusableFileException(path, "column '" + column + "' appears twice in the header");
            }
            columns.add(column);
        }
        List<String> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.required() && !seen.containsKey(column)) {
                missing.add(column.headerName());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnusableFileException(path, "missing required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (header: " + String.join(",", header) + ")");
        }
        if (!unknown.isEmpty()) {
            warnings.accept(path + ": ignoring unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")));
        }
        return columns;
    }

    public char delimiter() {
        return delimiter;
    }

    @Override
    public Path path() {
        return source.path();
    }

    @Override
    public Stream<ReadRow> rows() {
        FileLines lines;
        try {
            lines = source.lines(firstDataByte, firstDataLine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Records records = new Records(lines, format, delimiter);
        return FileLines.stream(lines, () -> {
            Record record = records.next();
            return record == null ? null : toRow(record);
        });
    }

    private ReadRow toRow(Record record) {
        if (record.problem() != null) {
            return Reject.ofRow(record.line(), record.problem(), record.raw());
        }
        List<String> values = record.values();
        if (values.size() != columns.size()) {
            return Reject.ofRow(record.line(), "wrong number of values: the header has " + columns.size()
                    + " columns, this row " + values.size(), record.raw());
        }
        Map<Column, Cell> cells = new EnumMap<>(Column.class);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (column != null) {
                cells.put(column, Cell.text(values.get(i)));
            }
        }
        return new SourceRow(record.line(), cells, record.raw());
    }

    /** A record read, or why the record starting on {@code line} could not be read. */
    private record Record(long line, List<String> values, String raw, String problem) {

        static Record broken(FileLines.Line line) {
            return new Record(line.number(), null, line.text(), BROKEN_QUOTING);
        }

        static Record tooLong(long line, String preview, String what) {
            return new Record(line, null, preview, FileLines.tooLongReason(what));
        }
    }

    /** How a line ends for the lexer: the record ends, a quoted value runs on, or the line is broken. */
    private enum Ending { RECORD, QUOTED, BROKEN }

    private record Classified(Ending ending, List<String> record) {
    }

    /** Reads records from the current line of {@code lines} on. */
    private static final class Records {
        private final FileLines lines;
        private final CSVFormat format;
        private final char delimiter;
        /**
         * Lines before this one whose quoted value runs on are broken: the quoted run that starts
         * after them goes on, line after line, into a line where it fails (or to the end of the file).
         */
        private long brokenUntil;

        Records(FileLines lines, CSVFormat format, char delimiter) {
            this.lines = lines;
            this.format = format;
            this.delimiter = delimiter;
        }

        /** The next non-blank record, or null at the end of the file. */
        Record next() throws IOException {
            while (true) {
                FileLines.Line line = lines.next();
                if (line == null) {
                    return null;
                }
                if (line.tooLong()) {
                    return Record.tooLong(line.number(), line.text(), "a line");
                }
                if (line.text().indexOf('"') < 0) {
                    // Without a quote, RFC 4180 reads a line as its values between delimiters, and a
                    // record ends with its line: no parser needed (a new one per line was the reader's
                    // main cost).
                    if (!line.text().isBlank()) {
                        return new Record(line.number(), split(line.text()), line.text(), null);
                    }
                    continue;
                }
                Classified classified = classify("", line);
                switch (classified.ending()) {
                    case RECORD -> {
                        if (!line.text().isBlank()) {
                            return new Record(line.number(), classified.record(), line.text(), null);
                        }
                    }
                    case BROKEN -> {
                        return Record.broken(line);
                    }
                    case QUOTED -> {
                        return line.number() < brokenUntil ? Record.broken(line) : readOn(line);
                    }
                }
            }
        }

        /** A record whose quoted value runs on after its first line. */
        private Record readOn(FileLines.Line first) throws IOException {
            long resumeAt = lines.offset();
            long resumeLine = lines.nextLineNumber();
            StringBuilder text = new StringBuilder(first.text()).append(first.terminator());
            boolean tooLong = false;
            while (true) {
                FileLines.Line line = lines.next();
                if (line == null) {
                    brokenUntil = Long.MAX_VALUE;
                    break;
                }
                Ending ending = line.tooLong() ? Ending.BROKEN : classify("\"", line).ending();
                if (ending == Ending.BROKEN) {
                    brokenUntil = line.number();
                    break;
                }
                tooLong |= text.length() + line.text().length() + line.terminator().length() > FileLines.MAX_LINE_BYTES;
                if (!tooLong) {
                    text.append(line.text());
                }
                if (ending == Ending.RECORD) {
                    if (tooLong) {
                        return Record.tooLong(first.number(),
                                text.substring(0, Math.min(text.length(), FileLines.PREVIEW_CHARS)),
                                "a record (lines " + first.number() + "-" + line.number() + ")");
                    }
                    String raw = text.toString();
                    return new Record(first.number(), firstRecord(raw), raw, null);
                }
                if (!tooLong) {
                    text.append(line.terminator());
                }
            }
            lines.seek(resumeAt, resumeLine);
            return Record.broken(first);
        }

        /**
         * How {@code line} ends when the lexer starts it at the start of a record ({@code prefix}
         * empty) or inside a quoted value ({@code prefix} a quote, which opens one). One parse tells:
         * a quote after the line break closes a quoted value that the line break falls in, which then
         * holds the line break (the line's own text holds none); after a record that ends with the
         * line, the quote is never read.
         */
        private Classified classify(String prefix, FileLines.Line line) {
            String text = prefix + line.text() + line.terminator();
            try {
                if (line.terminator().isEmpty()) {
                    return new Classified(Ending.RECORD, firstRecord(text));
                }
                List<String> record = firstRecord(text + '"');
                for (String value : record) {
                    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                        return new Classified(Ending.QUOTED, null);
                    }
                }
                return new Classified(Ending.RECORD, record);
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                return new Classified(Ending.BROKEN, null);
            }
        }

        private List<String> firstRecord(String text) throws IOException {
            try (CSVParser parser = format.parse(new StringReader(text))) {
                return parser.iterator().next().toList();
            }
        }

        /** The values of a line without quotes, as commons-csv reads them: every one, empty ones included. */
        private List<String> split(String text) {
            List<String> values = new ArrayList<>(16);
            int start = 0;
            for (int at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, start)) {
                values.add(text.substring(start, at));
                start = at + 1;
            }
            values.add(text.substring(start));
            return values;
        }
    }
}

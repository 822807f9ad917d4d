package org.medpulse.producer.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A partner CSV file: header row first (blank lines before it are skipped), delimiter {@code ,} or
 * {@code ;} (whichever the header line holds more of; {@code ,} on a tie), RFC 4180 quoting parsed
 * by commons-csv.
 *
 * <p>commons-csv cannot resume after a quoting error, so when a record fails this reader rejects
 * the physical line where that record starts and starts a new parser on the next line: one broken
 * quote costs one row, not the rest of the file.
 */
public final class CsvPartnerFile implements PartnerFile {

    private final Path path;
    private final FileText text;
    private final char delimiter;
    /** Column of each header position; null for ignored (unknown or unnamed) columns. */
    private final List<Column> columns;
    private final long firstDataLine;

    private CsvPartnerFile(Path path, FileText text, char delimiter, List<Column> columns, long firstDataLine) {
        this.path = path;
        this.text = text;
        this.delimiter = delimiter;
        this.columns = columns;
        this.firstDataLine = firstDataLine;
    }

    public static CsvPartnerFile of(Path path, FileText text, Consumer<String> warnings) throws UnusableFileException {
        long headerLine = 1;
        while (headerLine <= text.lineCount() && text.line(headerLine).isBlank()) {
            headerLine++;
        }
        if (headerLine > text.lineCount()) {
            throw new UnusableFileException(path, "the file is empty: a header row is required");
        }
        char delimiter = detectDelimiter(text.line(headerLine));
        List<String> header;
        long headerEnd;
        try (CSVParser parser = parser(text, headerLine, delimiter)) {
            Iterator<CSVRecord> records = parser.iterator();
            header = records.next().toList();
            headerEnd = headerLine - 1 + parser.getCurrentLineNumber();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new UnusableFileException(path, "the header row (line " + headerLine + ") is not valid CSV: "
                    + e.getMessage());
        }
        List<Column> columns = columns(path, header, warnings);
        return new CsvPartnerFile(path, text, delimiter, columns, headerEnd + 1);
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

    private static CSVParser parser(FileText text, long fromLine, char delimiter) throws IOException {
        int offset = text.startOf(fromLine);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .get();
        return new CSVParser(new StringReader(text.text().substring(offset)), format, offset, 0);
    }

    public char delimiter() {
        return delimiter;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public Stream<ReadRow> rows() {
        Records records = new Records();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED), false)
                .onClose(records::close);
    }

    private ReadRow toRow(CSVRecord record, long line, String raw) {
        if (record.size() != columns.size()) {
            return Reject.ofRow(line, "wrong number of values: the header has " + columns.size()
                    + " columns, this row " + record.size(), raw);
        }
        Map<Column, Cell> cells = new EnumMap<>(Column.class);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (column != null) {
                cells.put(column, Cell.text(record.get(i)));
            }
        }
        return new SourceRow(line, cells, raw);
    }

    /** Reads records, restarting the parser after a malformed one. */
    private final class Records implements Iterator<ReadRow> {
        private long nextLine = firstDataLine;
        private CSVParser parser;
        private Iterator<CSVRecord> iterator;
        private long lineBase;
        private ReadRow next;

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public ReadRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ReadRow row = next;
            next = null;
            return row;
        }

        private ReadRow advance() {
            while (true) {
                if (parser == null) {
                    if (nextLine > text.lineCount()) {
                        return null;
                    }
                    try {
                        parser = parser(text, nextLine, delimiter);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    iterator = parser.iterator();
                    lineBase = nextLine - 1;
                }
                try {
                    if (!iterator.hasNext()) {
                        close();
                        nextLine = Long.MAX_VALUE;
                        return null;
                    }
                    CSVRecord record = iterator.next();
                    long start = text.lineAt(record.getCharacterPosition());
                    long end = Math.max(start, lineBase + parser.getCurrentLineNumber());
                    nextLine = end + 1;
                    String raw = text.lines(start, end);
                    if (!raw.isBlank()) {
                        return toRow(record, start, raw);
                    }
                } catch (UncheckedIOException | IllegalStateException e) {
                    // The failed record starts right after the last good one (blank lines are records too).
                    long failed = nextLine;
                    close();
                    nextLine = failed + 1;
                    return Reject.ofRow(failed, "broken quoting: a quoted value must end with a quote followed by "
                            + "the delimiter or the end of the line, and quotes inside it must be doubled (\"\")",
                            text.line(failed));
                }
            }
        }

        void close() {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException e) {
                    // a StringReader does not fail to close
                }
                parser = null;
                iterator = null;
            }
        }
    }
}

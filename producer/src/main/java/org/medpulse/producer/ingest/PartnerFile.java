package org.medpulse.producer.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A partner's delivery, opened and checked as a whole (readable, within the size limit, UTF-8,
 * required columns present), whose records are then streamed one by one. Malformed records come out as {@link Reject}s; the file
 * goes on.
 */
public interface PartnerFile {

    Path path();

    /** The file's non-blank records in order, as rows to validate or as rejects. */
    Stream<ReadRow> rows();

    /** File name endings read as JSON Lines; anything else is read as CSV. */
    List<String> JSON_LINES_EXTENSIONS = List.of(".jsonl", ".ndjson");

    /**
     * Opens {@code path} as JSON Lines ({@code .jsonl}, {@code .ndjson}) or CSV (anything else),
     * with the {@linkplain ReadOptions#DEFAULT default options}. Warnings about the file (unknown
     * columns) go to {@code warnings}, each once.
     */
    static PartnerFile open(Path path, Consumer<String> warnings) throws UnusableFileException {
        return open(path, ReadOptions.DEFAULT, warnings);
    }

    /**
     * Opens {@code path} under {@code options}, reading it through once (it must be UTF-8 text
     * throughout) before any row is read; rows are then streamed from the file.
     */
    static PartnerFile open(Path path, ReadOptions options, Consumer<String> warnings) throws UnusableFileException {
        FileLines.Source source = FileLines.Source.open(path, options);
        source.checkUtf8();
        return isJsonLines(path)
                ? JsonLinesPartnerFile.of(source, warnings)
                : CsvPartnerFile.of(source, warnings);
    }

    static boolean isJsonLines(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return JSON_LINES_EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}

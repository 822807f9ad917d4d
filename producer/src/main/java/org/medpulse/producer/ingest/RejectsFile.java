package org.medpulse.producer.ingest;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejects report: a CSV file with the header {@code line,field,reason,raw}, one row per
 * rejected input row, ordered by line. {@code field} is empty when the whole line is unusable.
 */
public final class RejectsFile {

    public static final List<String> HEADER = List.of("line", "field", "reason", "raw");
    public static final String SUFFIX = ".rejects.csv";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n')
            .setHeader(HEADER.toArray(String[]::new))
            .get();

    private RejectsFile() {
    }

    /** Where the rejects of {@code input} go by default: beside it, as {@code FILE.rejects.csv}. */
    public static Path besides(Path input) {
        return input.resolveSibling(input.getFileName() + SUFFIX);
    }

    /** Writes {@code rejects} to {@code target}, replacing it whole (never a half-written report). */
    public static void write(Path target, Collection<Reject> rejects) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            List<Reject> ordered = rejects.stream().sorted(Comparator.comparingLong(Reject::line)).toList();
            for (Reject reject : ordered) {
                printer.printRecord(reject.line(), reject.field(), reject.reason(), reject.raw());
            }
        }
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

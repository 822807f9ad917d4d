package org.medpulse.producer.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.medpulse.producer.ingest.RejectsFile;

/**
 * The layout of a partner drop folder. Partners write {@code x.csv.part} and rename it to
 * {@code x.csv} when complete; a file is ready once it has a data extension. Ingested files move
 * to {@code done/}, unusable ones (or ones whose sends failed) to {@code failed/}, each with its
 * reports beside it.
 *
 * <p>Moving the data file out of the folder is what marks it processed, and it is the last step:
 * a crash before it leaves the file in place to be ingested again (harmless, ids are stable), a
 * crash after it leaves nothing to redo.
 */
public final class DropFolder {

    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String IN_PROGRESS_SUFFIX = ".part";
    public static final String SUMMARY_SUFFIX = ".summary.json";
    public static final String ERROR_SUFFIX = ".error.txt";
    private static final List<String> DATA_EXTENSIONS = List.of(".csv", ".jsonl", ".ndjson");

    private final Path root;

    private DropFolder(Path root) {
        this.root = root;
    }

    /** The folder at {@code root}, with its {@code done/} and {@code failed/} subfolders created if missing. */
    public static DropFolder at(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        Files.createDirectories(root.resolve(DONE));
        Files.createDirectories(root.resolve(FAILED));
        return new DropFolder(root);
    }

    public Path root() {
        return root;
    }

    public Path done() {
        return root.resolve(DONE);
    }

    public Path failed() {
        return root.resolve(FAILED);
    }

    /** Complete deliveries waiting in the folder, oldest first (then by name). */
    public List<Path> readyFiles() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(DropFolder::isDelivery)
                    .map(path -> new Candidate(path, modified(path)))
                    .sorted(Comparator.comparing(Candidate::modified).thenComparing(c -> c.path().getFileName()))
                    .map(Candidate::path)
                    .toList();
        }
    }

    private record Candidate(Path path, FileTime modified) {
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    static boolean isDelivery(Path path) {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return Files.isRegularFile(path)
                && !name.startsWith(".")
                && !lower.endsWith(IN_PROGRESS_SUFFIX)
                && !lower.endsWith(RejectsFile.SUFFIX) // a report someone left here is not a delivery
                && DATA_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /**
     * A name in {@code target} for {@code file} that no earlier delivery took: {@code x.csv}, or
     * {@code x-2.csv}, {@code x-3.csv}… when a partner sends a file of the same name again.
     */
    public Path destination(Path target, Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot <= 0 ? name : name.substring(0, dot);
        String extension = dot <= 0 ? "" : name.substring(dot);
        Path candidate = target.resolve(name);
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = target.resolve(stem + "-" + n + extension);
        }
        return candidate;
    }

    /** Moves the delivery to {@code destination}: the step that marks it processed. */
    public void moveTo(Path file, Path destination) throws IOException {
        try {
            Files.move(file, destination, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(file, destination);
        }
    }

    /** A report beside a processed delivery: {@code done/x.csv} + {@code .rejects.csv} → {@code done/x.csv.rejects.csv}. */
    public static Path report(Path destination, String suffix) {
        return destination.resolveSibling(destination.getFileName() + suffix);
    }
}

package org.medpulse.producer.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 *
 * <p>Nothing in the folder is trusted: links are never followed (a delivery that is a link is
 * refused; {@code done/} and {@code failed/} must be real directories; names are taken as entries,
 * not as what they point to), and reports are written through {@link
 * org.medpulse.producer.ingest.SafeWrites}, which never writes through a link planted in their place.
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
        DropFolder folder = new DropFolder(root);
        for (Path directory : List.of(folder.done(), folder.failed())) {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(directory);
            }
        }
        folder.checkDirectories();
        return folder;
    }

    /** Fails unless {@code done/} and {@code failed/} are real directories (a link there would be written through). */
    public void checkDirectories() throws IOException {
        for (Path directory : List.of(done(), failed())) {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(directory + (Files.isSymbolicLink(directory) ? " is a symbolic link" : " is not a directory")
                        + "; done/ and failed/ must be real directories, links are not followed");
            }
        }
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

    /**
     * What waits in the folder under a delivery's name, oldest first (then by name): regular files,
     * and links, which are not followed but refused.
     */
    public List<Path> readyFiles() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(DropFolder::isDelivery)
                    .map(path -> new Candidate(path, modified(path)))
                    .sorted(Comparator.comparing(Candidate::modified).thenComparing(c -> c.path().getFileName()))
                    .map(Candidate::path)
                    .toList();
        }
    }

    /** Files being written under {@code x.csv.part}. */
    public List<Path> inProgress() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(path -> isInProgress(path.getFileName().toString())
                    && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    private record Candidate(Path path, FileTime modified) {
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    static boolean isDelivery(Path path) {
        return hasDeliveryName(path.getFileName().toString())
                && (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path));
    }

    /** {@code x.csv}, {@code x.jsonl}, {@code x.ndjson}; not hidden, not a report someone left here. */
    static boolean hasDeliveryName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".")
                && !isInProgress(name)
                && !lower.endsWith(RejectsFile.SUFFIX)
                && DATA_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    static boolean isInProgress(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(IN_PROGRESS_SUFFIX);
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
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = target.resolve(stem + "-" + n + extension);
        }
        return candidate;
    }

    /** Moves the delivery (a link itself, not its target) to {@code destination}: the step that marks it processed. */
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

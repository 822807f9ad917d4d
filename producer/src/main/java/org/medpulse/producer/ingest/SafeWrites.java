package org.medpulse.producer.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes reports without ever writing through a symbolic link, even one planted where a report
 * goes: the text goes to a new temporary file beside the target (created exclusively, so a link
 * already there makes it fail rather than be followed), which then replaces the target by a
 * rename (which replaces a link, never its target). A report is thus also never seen half-written.
 */
public final class SafeWrites {

    private SafeWrites() {
    }

    /** What writes a report's text. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes {@code content} to {@code target}, replacing whatever is there (file or link). */
    public static void write(Path target, Content content) throws IOException {
        Path temporary = temporaryFor(target);
        try (Writer out = createNew(temporary)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        replace(temporary, target);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text));
    }

    /** The hidden temporary name beside {@code target}: {@code dir/.name.tmp}. */
    public static Path temporaryFor(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    }

    /** A new file at {@code path} (a leftover file or link there is removed first, never followed). */
    public static BufferedWriter createNew(Path path) throws IOException {
        Files.deleteIfExists(path);
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /** Renames {@code temporary} to {@code target}, replacing a file or link there. */
    public static void replace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

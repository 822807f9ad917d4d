package org.medpulse.producer.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medpulse.producer.ingest.SafeWrites;

/**
 * How many times the ingestion of a delivery was started without finishing, kept on disk beside it
 * ({@code .x.csv.ingesting}) so that it survives the watcher: an ingestion that kills the process
 * (out of memory, killed) leaves its count up, one that finishes or stops cleanly takes it back.
 * The count is for the file as it was (size and modification time): a new delivery under the same
 * name starts again from zero.
 */
final class Attempts {

    private static final Pattern FORMAT = Pattern.compile("attempts=(\\d+) size=(\\d+) modified=(\\d+)\\s*");

    private Attempts() {
    }

    static Path marker(Path delivery) {
        return delivery.resolveSibling("." + delivery.getFileName() + ".ingesting");
    }

    /** Ingestions of this very file started and never finished. */
    static int unfinished(Path delivery, long size, long modifiedMillis) {
        Path marker = marker(delivery);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(marker, LinkOption.NOFOLLOW_LINKS)) {
            Matcher m = FORMAT.matcher(new String(in.readNBytes(200), StandardCharsets.UTF_8));
            if (m.matches() && Long.parseLong(m.group(2)) == size && Long.parseLong(m.group(3)) == modifiedMillis) {
                return Integer.parseInt(m.group(1));
            }
            return 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Records {@code count} unfinished ingestions of the file (none: the marker is removed). */
    static void record(Path delivery, int count, long size, long modifiedMillis) throws IOException {
        if (count <= 0) {
            Files.deleteIfExists(marker(delivery));
        } else {
            SafeWrites.writeString(marker(delivery), "attempts=" + count + " size=" + size + " modified="
                    + modifiedMillis + "\n");
        }
    }
}

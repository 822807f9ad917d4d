package org.medpulse.producer.ingest;

import java.util.Locale;

/**
 * How a partner file may be opened: the largest file accepted, and whether a symbolic link is
 * followed (a drop folder never follows one: a partner could otherwise make MedPulse read any file
 * it can read).
 */
public record ReadOptions(long maxFileSize, boolean followLinks) {

    /** 512 MiB: a wave of a million responses in CSV is about 300 MB. */
    public static final long DEFAULT_MAX_FILE_SIZE = 512L * 1024 * 1024;

    /** Files named on the command line: links followed, the default size limit. */
    public static final ReadOptions DEFAULT = new ReadOptions(DEFAULT_MAX_FILE_SIZE, true);

    public ReadOptions {
        if (maxFileSize <= 0) {
            throw new IllegalArgumentException("The maximum file size must be positive, not " + maxFileSize);
        }
    }

    /** For a drop folder: links refused, files up to {@code maxFileSize} bytes. */
    public static ReadOptions dropFolder(long maxFileSize) {
        return new ReadOptions(maxFileSize, false);
    }

    public ReadOptions withMaxFileSize(long bytes) {
        return new ReadOptions(bytes, followLinks);
    }

    /** {@code 512 MiB}, {@code 1.5 GiB}, {@code 300 B}: sizes as messages show them. */
    public static String describeSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}

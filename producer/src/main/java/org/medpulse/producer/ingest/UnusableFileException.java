package org.medpulse.producer.ingest;

import java.nio.file.Path;

/**
 * A partner file that cannot be ingested at all (unreadable, not UTF-8, a required column
 * missing): nothing of it is published and the command exits with 2.
 */
public final class UnusableFileException extends Exception {

    private final Path file;
    private final String reason;

    public UnusableFileException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** Why the file is unusable, without its name. */
    public String reason() {
        return reason;
    }
}

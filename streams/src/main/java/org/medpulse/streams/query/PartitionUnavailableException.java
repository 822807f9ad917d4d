package org.medpulse.streams.query;

import java.util.Objects;

/**
 * A partition's store could not be read right now (moved, restoring, closing). Thrown by
 * {@link PartitionStores} in the middle of a question's read, so that a question reads its stores
 * as plain values; the read side catches it at once and carries it on as a failure value for that
 * partition, never past that.
 */
public final class PartitionUnavailableException extends RuntimeException {

    private final FailureReason reason;

    public PartitionUnavailableException(FailureReason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public FailureReason reason() {
        return reason;
    }
}

package org.medpulse.streams.query.routing;

/**
 * Why one instance could not answer for one partition, after IQv2's {@code FailureReason}. The
 * first two mean "ask someone else": the partition moved or was never here.
 */
public enum PartitionFailure {
    /** Another instance holds the active copy now (IQv2 NOT_ACTIVE). */
    NOT_ACTIVE(true),
    /** This instance holds no copy of the partition (IQv2 NOT_PRESENT, DOES_NOT_EXIST). */
    NOT_PRESENT(true),
    /** The copy is restoring or behind the requested position (IQv2 NOT_UP_TO_BOUND). */
    NOT_UP_TO_DATE(false),
    /** Kafka Streams is not running on this instance (created, starting, stopping, failed). */
    NOT_RUNNING(false),
    /** The store failed to answer (IQv2 STORE_EXCEPTION), typically while closing for a rebalance. */
    STORE_ERROR(false),
    /** The instance did not answer, or answered with an error. */
    UNREACHABLE(false);

    private final boolean moved;

    PartitionFailure(boolean moved) {
        this.moved = moved;
    }

    /** True when another instance may hold the partition: worth asking the current owner. */
    public boolean isMoved() {
        return moved;
    }
}

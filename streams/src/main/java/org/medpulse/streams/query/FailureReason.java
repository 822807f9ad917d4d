package org.medpulse.streams.query;

/**
 * Why a question, or one partition's part of it, got no answer. Modelled on IQv2's
 * {@code FailureReason}: expected outcomes are values, not exceptions. The retriable reasons are
 * transient states of a Kafka Streams application (503 with {@code Retry-After} at the API); the
 * others are answers in their own right (404).
 *
 * <p>The first group describes one partition on one instance, as the router sees it; the router
 * turns those that remain into one of the second group for the whole answer.
 */
public enum FailureReason {
    /** Another instance holds the partition's active copy now (IQv2 NOT_ACTIVE). */
    NOT_ACTIVE(true, true),
    /** This instance holds no copy of the partition (IQv2 NOT_PRESENT, DOES_NOT_EXIST). */
    NOT_PRESENT(true, true),
    /** The copy is restoring or behind the requested position (IQv2 NOT_UP_TO_BOUND). */
    NOT_UP_TO_DATE(true, false),
    /** Kafka Streams is not running on that instance (created, starting, stopping, failed). */
    NOT_RUNNING(true, false),
    /** The store failed to answer (IQv2 STORE_EXCEPTION), typically while closing for a rebalance. */
    STORE_ERROR(true, false),
    /** The instance holding the partition did not answer, or answered with an error. */
    UNREACHABLE(true, false),

    /** The application is starting, restoring its stores, or not running. */
    NOT_READY(true, false),
    /** Partitions are moving between instances; the owner of some data is not known right now. */
    REBALANCING(true, false),
    /** The instance owning some partitions did not answer in time. */
    PEER_UNAVAILABLE(true, false),
    /** No response of this wave has been processed. */
    UNKNOWN_WAVE(false, false),
    /** The tool is neither in the catalogue nor named by any response. */
    UNKNOWN_TOOL(false, false);

    private final boolean retriable;
    private final boolean moved;

    FailureReason(boolean retriable, boolean moved) {
        this.retriable = retriable;
        this.moved = moved;
    }

    /** True when asking again later may succeed. */
    public boolean isRetriable() {
        return retriable;
    }

    /** True when another instance may hold the partition: worth asking its current owner. */
    public boolean isMoved() {
        return moved;
    }
}

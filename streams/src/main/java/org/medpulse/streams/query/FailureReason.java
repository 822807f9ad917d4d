package org.medpulse.streams.query;

/**
 * Why a question got no answer. The retriable reasons are transient states of a Kafka Streams
 * application (they become 503 with {@code Retry-After}); the others are answers in their own right
 * (404). Modelled on IQv2's {@code FailureReason}: expected outcomes are values, not exceptions.
 */
public enum FailureReason {
    /** The application is starting, restoring its stores, or not running. */
    NOT_READY(true),
    /** Partitions are moving between instances; the owner of some data is not known right now. */
    REBALANCING(true),
    /** The instance owning some partitions did not answer in time. */
    PEER_UNAVAILABLE(true),
    /** No response of this wave has been processed. */
    UNKNOWN_WAVE(false),
    /** The tool is neither in the catalogue nor named by any response. */
    UNKNOWN_TOOL(false);

    private final boolean retriable;

    FailureReason(boolean retriable) {
        this.retriable = retriable;
    }

    /** True when asking again later may succeed. */
    public boolean isRetriable() {
        return retriable;
    }
}

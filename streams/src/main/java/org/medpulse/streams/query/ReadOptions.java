package org.medpulse.streams.query;

/**
 * How fresh an answer must be. By default only active copies of the stores are read, so an answer
 * is never behind the processed stream; {@link #allowStale()} also accepts standby and restoring
 * copies (KIP-535), which keeps answering while a failed instance's partitions move. Immutable.
 */
public final class ReadOptions {

    private static final ReadOptions ACTIVE_ONLY = new ReadOptions(false);
    private static final ReadOptions ALLOW_STALE = new ReadOptions(true);

    private final boolean staleAllowed;

    private ReadOptions(boolean staleAllowed) {
        this.staleAllowed = staleAllowed;
    }

    public static ReadOptions activeOnly() {
        return ACTIVE_ONLY;
    }

    public static ReadOptions allowStale() {
        return ALLOW_STALE;
    }

    public static ReadOptions staleAllowed(boolean staleAllowed) {
        return staleAllowed ? ALLOW_STALE : ACTIVE_ONLY;
    }

    public boolean isStaleAllowed() {
        return staleAllowed;
    }

    @Override
    public String toString() {
        return staleAllowed ? "ReadOptions{allowStale}" : "ReadOptions{activeOnly}";
    }
}

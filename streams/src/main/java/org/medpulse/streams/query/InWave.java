package org.medpulse.streams.query;

import java.util.Objects;
import java.util.function.Function;

import org.medpulse.streams.state.Mergeable;

/**
 * A partial answer about one wave, and whether the partitions it covers hold any respondent of
 * that wave at all. Whether a wave is unknown is only known once every partition has answered: no
 * single partition can say so.
 */
public record InWave<T extends Mergeable<T>>(boolean waveSeen, T totals) implements Mergeable<InWave<T>> {

    public InWave {
        Objects.requireNonNull(totals, "totals");
    }

    /** What {@code partition} holds of {@code wave}: {@code read} of its stores, and whether it has the wave. */
    public static <T extends Mergeable<T>> InWave<T> read(PartitionStores partition, String wave,
                                                          Function<PartitionStores, T> read) {
        return new InWave<>(partition.hasWave(wave), read.apply(partition));
    }

    @Override
    public InWave<T> plus(InWave<T> other) {
        return new InWave<>(waveSeen || other.waveSeen, totals.plus(other.totals));
    }

    /** The totals, or {@link FailureReason#UNKNOWN_WAVE} when no partition has the wave. */
    public QueryResult<T> known(String wave) {
        return waveSeen ? QueryResult.success(totals)
                : QueryResult.failure(FailureReason.UNKNOWN_WAVE, "Unknown wave '" + wave + "'");
    }
}

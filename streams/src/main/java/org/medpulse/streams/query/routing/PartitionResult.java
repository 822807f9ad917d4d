package org.medpulse.streams.query.routing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** One partition's answer to a {@link PartialQuery}: its partial totals, or why there are none. */
public sealed interface PartitionResult<T> {

    static <T> PartitionResult<T> answered(T value) {
        return new Answered<>(value);
    }

    static <T> PartitionResult<T> failed(PartitionFailure failure, String message) {
        return new Failed<>(failure, message);
    }

    /** The same failure for each of {@code partitions}. */
    static <T> Map<Integer, PartitionResult<T>> allFailed(Set<Integer> partitions, PartitionFailure failure, String message) {
        Map<Integer, PartitionResult<T>> results = new TreeMap<>();
        partitions.forEach(p -> results.put(p, failed(failure, message)));
        return results;
    }

    record Answered<T>(T value) implements PartitionResult<T> {
        public Answered {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(PartitionFailure failure, String message) implements PartitionResult<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }
}

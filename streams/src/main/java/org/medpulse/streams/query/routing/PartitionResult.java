package org.medpulse.streams.query.routing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** One partition's answer to a {@link PartialQuery}: its partial totals, or why there are none. */
public sealed interface PartitionResult<T> {

    static <T> PartitionResult<T> answered(T value) {
        return new Answered<>(value);
    }

    static <T> PartitionResult<T> failed(PartitionFailure failure, String message) {
        return new Failed<>(failure, message);
    }

    default <U> PartitionResult<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Answered<T> answered) {
            return new Answered<>(mapper.apply(answered.value()));
        }
        return ((Failed<T>) this).cast();
    }

    default <U> PartitionResult<U> flatMap(Function<? super T, PartitionResult<U>> mapper) {
        if (this instanceof Answered<T> answered) {
            return mapper.apply(answered.value());
        }
        return ((Failed<T>) this).cast();
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

        @SuppressWarnings("unchecked")
        public <U> Failed<U> cast() {
            return (Failed<U>) this;
        }
    }
}

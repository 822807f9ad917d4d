package org.medpulse.streams.query;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.medpulse.streams.state.Mergeable;

/** A partial answer per wave (every wave a partition holds), merged wave by wave. Immutable. */
public record ByWave<T extends Mergeable<T>>(SortedMap<String, T> waves) implements Mergeable<ByWave<T>> {

    public ByWave {
        waves = new TreeMap<>(waves);
    }

    /** Adds {@code value} to {@code wave}'s part of {@code waves}. */
    public static <T extends Mergeable<T>> void add(Map<String, T> waves, String wave, T value) {
        waves.merge(wave, value, (left, right) -> left.plus(right));
    }

    @Override
    public ByWave<T> plus(ByWave<T> other) {
        SortedMap<String, T> merged = new TreeMap<>(waves);
        other.waves.forEach((wave, value) -> add(merged, wave, value));
        return new ByWave<>(merged);
    }
}

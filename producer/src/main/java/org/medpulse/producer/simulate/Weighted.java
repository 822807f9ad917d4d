package org.medpulse.producer.simulate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A discrete distribution over values, drawn from a seeded random source. */
final class Weighted<T> {

    private final List<T> values;
    private final double[] cumulative;

    private Weighted(Map<T, Double> weights) {
        this.values = new ArrayList<>(weights.keySet());
        this.cumulative = new double[values.size()];
        double sum = 0;
        int i = 0;
        for (double weight : weights.values()) {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight " + weight);
            }
            sum += weight;
            cumulative[i++] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
    }

    /** Values keep the order they are added in: draws depend on it, so keep it fixed. */
    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    /** Up to {@code count} distinct values, each drawn in proportion to its weight among those left. */
    List<T> pickDistinct(SplittableRandom random, int count) {
        LinkedHashMap<T, Double> left = new LinkedHashMap<>();
        double previous = 0;
        for (int i = 0; i < values.size(); i++) {
            left.put(values.get(i), cumulative[i] - previous);
            previous = cumulative[i];
        }
        List<T> picked = new ArrayList<>(count);
        while (picked.size() < count && left.values().stream().anyMatch(w -> w > 0)) {
            T value = new Weighted<>(left).pick(random);
            picked.add(value);
            left.remove(value);
        }
        return picked;
    }

    static final class Builder<T> {
        private final LinkedHashMap<T, Double> weights = new LinkedHashMap<>();

        Builder<T> add(T value, double weight) {
            weights.merge(value, weight, Double::sum);
            return this;
        }

        Weighted<T> build() {
            return new Weighted<>(weights);
        }
    }
}

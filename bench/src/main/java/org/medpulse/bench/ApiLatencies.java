package org.medpulse.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latencies and errors of the measured requests, per endpoint. One instance per client thread
 * (not thread-safe); {@link #add} merges them at the end.
 */
final class ApiLatencies {

    // Microseconds, three significant digits, up to a minute (longer ones are clamped: the request timed out anyway).
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Map<ApiEndpoint, Histogram> latencies = new EnumMap<>(ApiEndpoint.class);
    private final Map<ApiEndpoint, Long> errors = new EnumMap<>(ApiEndpoint.class);
    private final Map<String, Long> errorKinds = new TreeMap<>();

    ApiLatencies() {
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            latencies.put(endpoint, newHistogram());
            errors.put(endpoint, 0L);
        }
    }

    /** A request that took {@code nanos}; {@code error} says what was wrong with its answer, if anything. */
    void record(ApiEndpoint endpoint, long nanos, String error) {
        latencies.get(endpoint).recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1_000)));
        if (error != null) {
            errors.merge(endpoint, 1L, Long::sum);
            errorKinds.merge(endpoint.label() + ": " + error, 1L, Long::sum);
        }
    }

    void add(ApiLatencies other) {
        other.latencies.forEach((endpoint, histogram) -> latencies.get(endpoint).add(histogram));
        other.errors.forEach((endpoint, count) -> errors.merge(endpoint, count, Long::sum));
        other.errorKinds.forEach((kind, count) -> errorKinds.merge(kind, count, Long::sum));
    }

    /** The figures of one endpoint over {@code seconds} of measurement. */
    ApiBenchmark.Figures figures(ApiEndpoint endpoint, double seconds) {
        return figures(latencies.get(endpoint), errors.get(endpoint), seconds);
    }

    /** The figures of every endpoint together. */
    ApiBenchmark.Figures overall(double seconds) {
        Histogram all = newHistogram();
        latencies.values().forEach(all::add);
        return figures(all, errors.values().stream().mapToLong(Long::longValue).sum(), seconds);
    }

    /** What went wrong and how often, e.g. {@code usage: HTTP 503 -> 12}. */
    Map<String, Long> errorKinds() {
        return Map.copyOf(errorKinds);
    }

    private static ApiBenchmark.Figures figures(Histogram histogram, long errors, double seconds) {
        long requests = histogram.getTotalCount();
        return new ApiBenchmark.Figures(requests, requests / seconds,
                millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getMaxValue()), errors);
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }

    private static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }
}

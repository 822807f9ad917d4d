package org.medpulse.streams.api.survey;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The instance's metrics, scraped at {@code GET /metrics} in the Prometheus text format: HTTP
 * latency per route and JVM figures, next to whatever else the application's registry holds (in
 * {@code medpulse streams}: Kafka Streams client metrics, among them records processed, and the
 * dead-letter counter). One per application instance.
 */
public final class ServiceMetrics implements AutoCloseable {

    static final String HTTP_REQUESTS = "http.server.requests";

    private final PrometheusMeterRegistry registry;
    private final boolean ownsRegistry;
    // Each request's timer, found without building its tags and id anew (Micrometer's registry would
    // find the same timer, after a builder, three tags and a hashed id per request). Routes are
    // templates and statuses few: bounded.
    private final Map<RequestKind, Timer> timers = new ConcurrentHashMap<>();

    private record RequestKind(String method, String route, int status) {
    }

    private ServiceMetrics(PrometheusMeterRegistry registry, boolean ownsRegistry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.ownsRegistry = ownsRegistry;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Metrics in a registry of their own, closed with them. */
    public static ServiceMetrics create() {
        return new ServiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
    }

    /**
     * Metrics in the application's registry (which may already hold Kafka Streams and dead-letter
     * meters); closing these leaves the registry open for its owner.
     */
    public static ServiceMetrics using(PrometheusMeterRegistry registry) {
        return new ServiceMetrics(registry, false);
    }

    /** The registry, for the application's own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    void recordRequest(String method, String route, int status, Duration elapsed) {
        timers.computeIfAbsent(new RequestKind(method, route, status), kind -> Timer.builder(HTTP_REQUESTS)
                        .description("HTTP request latency, by route")
                        .tags("method", kind.method(), "route", kind.route(), "status", Integer.toString(kind.status()))
                        .publishPercentileHistogram()
                        .register(registry))
                .record(elapsed);
    }

    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}

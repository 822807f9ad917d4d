package org.medpulse.streams.api.survey;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The instance's metrics, scraped at {@code GET /metrics} in the Prometheus text format: HTTP
 * latency per route, JVM figures, and what the application binds (Kafka Streams client metrics,
 * dead-lettered and processed record counts). One per application instance.
 */
public final class ServiceMetrics implements AutoCloseable {

    static final String HTTP_REQUESTS = "http.server.requests";
    public static final String DEAD_LETTERS = "medpulse.dlq.records";
    public static final String RECORDS_PROCESSED = "medpulse.records.processed";

    private final PrometheusMeterRegistry registry;
    private final boolean ownsRegistry;
    // Micrometer keeps function meters' sources weakly; these keep them alive.
    private final List<Object> bound = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

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

    /** Exposes a Kafka Streams client's metrics (threads, tasks, stores) as {@code kafka_stream_*}. */
    public void bindKafkaStreams(KafkaStreams streams) {
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
        closeables.add(metrics);
    }

    /** Counts records sent to the dead-letter topic; {@code count} is read at each scrape. */
    public void bindDeadLetterCount(Supplier<? extends Number> count) {
        bindCounter(DEAD_LETTERS, "Survey responses sent to the dead-letter topic", count);
    }

    /** Counts survey responses the topology processed; {@code count} is read at each scrape. */
    public void bindRecordsProcessed(Supplier<? extends Number> count) {
        bindCounter(RECORDS_PROCESSED, "Survey responses processed by the topology", count);
    }

    private void bindCounter(String name, String description, Supplier<? extends Number> count) {
        Objects.requireNonNull(count, "count");
        bound.add(count);
        FunctionCounter.builder(name, count, c -> c.get().doubleValue())
                .description(description)
                .register(registry);
    }

    void recordRequest(String method, String route, int status, Duration elapsed) {
        Timer.builder(HTTP_REQUESTS)
                .description("HTTP request latency, by route")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(elapsed);
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing metrics binders is best effort
            }
        }
        if (ownsRegistry) {
            registry.close();
        }
    }
}

package org.medpulse.streams.errors;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Counts the records sent to the dead-letter topic, as the Micrometer counter
 * {@value #COUNTER} tagged {@code reason=unreadable|invalid}. The registry is handed to the
 * handlers through the Kafka Streams configuration under {@value #METER_REGISTRY_CONFIG} (Kafka
 * instantiates the handlers itself); without it, Micrometer's global registry is used.
 *
 * <p>Under exactly-once a record whose transaction aborts is handled again, so the counter can
 * exceed what the topic finally holds: it counts handling, the topic is the truth.
 */
public final class DeadLetterMetrics {

    public static final String METER_REGISTRY_CONFIG = "medpulse.metrics.registry";
    public static final String COUNTER = "medpulse.dlq.records";

    private DeadLetterMetrics() {
    }

    static Counter counter(Map<String, ?> configs, String reason) {
        Object registry = configs.get(METER_REGISTRY_CONFIG);
        MeterRegistry meters = registry instanceof MeterRegistry given ? given : Metrics.globalRegistry;
        return Counter.builder(COUNTER)
                .description("Survey records sent to the dead-letter topic")
                .tag("reason", reason)
                .register(meters);
    }
}

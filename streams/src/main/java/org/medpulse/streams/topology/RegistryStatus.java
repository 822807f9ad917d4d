package org.medpulse.streams.topology;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the stream threads can reach the schema registry, as they last found out: readiness
 * reports an outage while it lasts. Thread-safe.
 */
public final class RegistryStatus {

    private final Clock clock;
    private final AtomicReference<Outage> outage = new AtomicReference<>();

    public RegistryStatus(Clock clock) {
        this.clock = clock;
    }

    public RegistryStatus() {
        this(Clock.systemUTC());
    }

    /** Since when, and why, the registry has not answered; empty when it last did. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage.get());
    }

    void failed(String reason) {
        outage.updateAndGet(current -> current != null ? new Outage(current.since(), reason) : new Outage(clock.instant(), reason));
    }

    void answered() {
        if (outage.get() != null) {
            outage.set(null);
        }
    }

    public record Outage(Instant since, String reason) {
    }
}

package org.medpulse.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.medpulse.chaos.check.ApiMonitor;

/**
 * One fault the game day injected: when, what, and when it ended (the process restarted, the
 * registry back). The API is allowed not to answer while a fault lasts and for a grace period
 * after it ends; longer is an API error.
 */
final class Fault {

    enum Kind {
        STREAMS_KILL, BROKER_KILL, REGISTRY_OUTAGE, MALFORMED_ROWS, CORRUPT_RECORDS
    }

    final int number;
    final Kind kind;
    volatile Instant injectedAt;
    volatile Instant endedAt;
    volatile String what = "";
    volatile String recovery = "";

    Fault(int number, Kind kind) {
        this.number = number;
        this.kind = kind;
    }

    boolean timed() {
        return kind == Kind.STREAMS_KILL || kind == Kind.BROKER_KILL || kind == Kind.REGISTRY_OUTAGE;
    }

    /** An outage that lasted beyond every fault's end plus the grace period. */
    record LateOutage(ApiMonitor.Outage outage, Duration beyondGrace, Optional<Fault> after) {
    }

    /**
     * The outages that are API errors: still silent more than {@code grace} after the last fault
     * before them ended; or, for one that began later than that (or with no fault before it),
     * silent for more than {@code grace} in all. An outage while a fault still lasts is no error.
     */
    static List<LateOutage> late(List<ApiMonitor.Outage> outages, List<Fault> faults, Duration grace) {
        List<LateOutage> late = new ArrayList<>();
        for (ApiMonitor.Outage outage : outages) {
            List<Fault> before = faults.stream().filter(f -> f.timed() && f.injectedAt != null
                    && !f.injectedAt.isAfter(outage.end())).toList();
            Instant allowedUntil;
            Optional<Fault> last = before.stream().max(Comparator.comparing(f -> f.injectedAt));
            if (before.isEmpty()) {
                allowedUntil = outage.start().plus(grace);
            } else if (before.stream().anyMatch(f -> f.endedAt == null || f.endedAt.isAfter(outage.end()))) {
                continue; // a fault was still going on when the API answered again
            } else {
                Instant lastEnd = before.stream().map(f -> f.endedAt).max(Comparator.naturalOrder()).orElseThrow();
                allowedUntil = lastEnd.plus(grace);
                if (outage.start().isAfter(allowedUntil)) {
                    allowedUntil = outage.start().plus(grace);
                }
            }
            if (outage.end().isAfter(allowedUntil)) {
                late.add(new LateOutage(outage, Duration.between(allowedUntil, outage.end()), last));
            }
        }
        return late;
    }

    /** The longest outage that began with this fault or in its aftermath (until {@code until}), if any. */
    Optional<ApiMonitor.Outage> longestOutage(List<ApiMonitor.Outage> outages, Instant until) {
        if (injectedAt == null) {
            return Optional.empty();
        }
        return outages.stream()
                .filter(o -> !o.start().isBefore(injectedAt.minusSeconds(1)) && o.start().isBefore(until))
                .max(Comparator.comparing(ApiMonitor.Outage::length));
    }
}

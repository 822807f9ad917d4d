package org.medpulse.producer.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What validation depends on besides the row: the partner the file comes from, the zone of
 * timestamps written without offset, and the moment ingestion started, from which "too far in
 * the future" is measured (so that one file is judged against one clock reading).
 */
public record IngestRules(String partnerId, ZoneId zone, Instant startedAt) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");
    /** How far ahead of ingestion a submission may be dated; exactly this far is accepted. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofHours(24);

    public IngestRules {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(startedAt, "startedAt");
        if (partnerId.isBlank()) {
            throw new IllegalArgumentException("The partner id must not be blank");
        }
        partnerId = partnerId.trim();
    }

    public static IngestRules of(String partnerId, ZoneId zone, Instant startedAt) {
        return new IngestRules(partnerId, zone, startedAt);
    }

    /** The same rules, measuring the future from {@code instant} (a watch folder: each file's own start). */
    public IngestRules startingAt(Instant instant) {
        return new IngestRules(partnerId, zone, instant);
    }

    /** The latest {@code submitted_at} accepted. */
    public Instant latestSubmission() {
        return startedAt.plus(FUTURE_TOLERANCE);
    }
}

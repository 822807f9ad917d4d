package org.medpulse.streams.query;

import java.time.Instant;
import java.util.Objects;

/** A wave as a whole: its respondents and when the first and last of their latest responses came in. */
public record WaveOverview(String wave, long respondents, Instant firstSubmittedAt, Instant lastSubmittedAt) {

    public WaveOverview {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(firstSubmittedAt, "firstSubmittedAt");
        Objects.requireNonNull(lastSubmittedAt, "lastSubmittedAt");
    }

    /** The summary of the union of two disjoint sets of respondents of the same wave. */
    public WaveOverview plus(WaveOverview other) {
        if (!wave.equals(other.wave)) {
            throw new IllegalArgumentException("Cannot merge waves " + wave + " and " + other.wave);
        }
        return new WaveOverview(wave, respondents + other.respondents,
                firstSubmittedAt.isBefore(other.firstSubmittedAt) ? firstSubmittedAt : other.firstSubmittedAt,
                lastSubmittedAt.isAfter(other.lastSubmittedAt) ? lastSubmittedAt : other.lastSubmittedAt);
    }
}

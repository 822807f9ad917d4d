package org.medpulse.streams.query;

import java.util.Objects;

/** A wave's headline figures, pushed to live dashboards whenever they change. */
public record WaveTotals(String wave, long respondents, long regularUsers) {

    public WaveTotals {
        Objects.requireNonNull(wave, "wave");
    }
}

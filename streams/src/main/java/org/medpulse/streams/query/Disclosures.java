package org.medpulse.streams.query;

import java.util.Objects;

/**
 * How answers are published to each audience: analysts' method (exact counts, k-suppression),
 * the public's, and the minimum cell size k, which also decides which free-text tool names may
 * appear at all. Immutable.
 */
public record Disclosures(SmallCellPolicy policy, Disclosure analyst, Disclosure everyoneElse) {

    public Disclosures {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(analyst, "analyst");
        Objects.requireNonNull(everyoneElse, "everyoneElse");
    }

    public Disclosure of(Audience audience) {
        return audience == Audience.ANALYST ? analyst : everyoneElse;
    }
}

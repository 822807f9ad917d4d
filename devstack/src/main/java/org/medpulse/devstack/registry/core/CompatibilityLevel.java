package org.medpulse.devstack.registry.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's seven compatibility levels. "Backward" means the new schema can read data written
 * with earlier ones; "forward" means earlier schemas can read data written with the new one;
 * "transitive" levels check every earlier (not soft-deleted) version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The level of a registry whose global level was never set, as in Confluent. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Confluent accepts the names in any case ("full_transitive" too). */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The new schema must read data written with earlier schemas. */
    public boolean checksBackward() {
        return backward;
    }

    /** Earlier schemas must read data written with the new schema. */
    public boolean checksForward() {
        return forward;
    }

    /** Every earlier version is checked, not only the latest. */
    public boolean isTransitive() {
        return transitive;
    }
}

package org.medpulse.streams.query;

import java.util.Locale;
import java.util.Optional;

/**
 * Who an answer is for, named by the API token a request carries. Analysts get exact figures with
 * small-cell suppression; the public gets the method the operator chose for it
 * ({@code --disclosure}) and submission times to the day.
 */
public enum Audience {

    ANALYST,
    PUBLIC;

    /** The name tokens are configured with: {@code analyst} or {@code public}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Audience> byLabel(String label) {
        for (Audience audience : values()) {
            if (audience.label().equals(label)) {
                return Optional.of(audience);
            }
        }
        return Optional.empty();
    }
}

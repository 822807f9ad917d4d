package org.medpulse.serde.registry;

import java.util.List;

/**
 * A registry's verdict on a candidate schema: Confluent's {@code is_compatible} and, when asked
 * with {@code verbose=true}, the {@code messages} saying why not.
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {

    public CompatibilityCheck {
        messages = List.copyOf(messages);
    }

    public static CompatibilityCheck ok() {
        return new CompatibilityCheck(true, List.of());
    }

    public static CompatibilityCheck failed(List<String> messages) {
        return new CompatibilityCheck(false, messages);
    }
}

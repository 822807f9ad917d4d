package org.medpulse.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The query endpoints the API benchmark drives, each known by a short name in {@code --mix}. */
public enum ApiEndpoint {
    USAGE("usage"),
    BARRIERS("barriers"),
    TOOLS("tools"),
    ROLLING("rolling"),
    TREND("trend"),
    WAVES("waves");

    private final String label;

    ApiEndpoint(String label) {
        this.label = label;
    }

    /** The name used in {@code --mix} and in the printed table. */
    public String label() {
        return label;
    }

    public static ApiEndpoint byLabel(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown endpoint '" + label + "' (one of "
                        + Arrays.stream(values()).map(ApiEndpoint::label).collect(Collectors.joining(", ")) + ")"));
    }
}

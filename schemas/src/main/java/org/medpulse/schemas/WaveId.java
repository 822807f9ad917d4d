package org.medpulse.schemas;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a wave id may be: 1 to 32 of {@code A-Z a-z 0-9 . _ -}, such as {@code 2025-06}. Partner
 * files, commands, the streams application and the query API all apply this one rule, so a wave
 * that was ingested can always be asked for, and nothing else can.
 */
public final class WaveId {

    public static final int MAX_LENGTH = 32;
    /** The rule in words, for messages. */
    public static final String RULE = "1 to " + MAX_LENGTH + " characters among A-Z a-z 0-9 . _ -";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private WaveId() {
    }

    public static boolean isValid(String wave) {
        return wave != null && VALID.matcher(wave).matches();
    }

    /** Why {@code wave} is not a wave id, or empty when it is one. */
    public static Optional<String> problem(String wave) {
        return isValid(wave) ? Optional.empty()
                : Optional.of("'" + wave + "' is not a wave id: use " + RULE);
    }
}

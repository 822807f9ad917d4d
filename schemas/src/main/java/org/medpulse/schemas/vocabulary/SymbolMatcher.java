package org.medpulse.schemas.vocabulary;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches what a person typed against an Avro enum's symbols and their aliases: case- and
 * accent-insensitive, with spaces and hyphens read as underscores ({@code "Several times a week"}
 * → {@code SEVERAL_TIMES_A_WEEK}). Never maps an unknown value to a default: callers decide.
 */
public final class SymbolMatcher<E extends Enum<E>> {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    private final Class<E> type;
    private final Map<String, E> byKey = new HashMap<>();

    private SymbolMatcher(Class<E> type, Map<String, E> aliases) {
        this.type = type;
        for (E constant : type.getEnumConstants()) {
            byKey.put(key(constant.name()), constant);
        }
        aliases.forEach((alias, constant) -> byKey.put(key(alias), constant));
    }

    public static <E extends Enum<E>> SymbolMatcher<E> of(Class<E> type) {
        return new SymbolMatcher<>(type, Map.of());
    }

    public static <E extends Enum<E>> SymbolMatcher<E> of(Class<E> type, Map<String, E> aliases) {
        return new SymbolMatcher<>(type, aliases);
    }

    /** The symbol {@code text} names, or empty when it names none. */
    public Optional<E> match(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKey.get(key(text)));
    }

    public Class<E> type() {
        return type;
    }

    private static String key(String text) {
        return SEPARATORS.matcher(Folding.foldAccentsAndCase(text.trim())).replaceAll("_").toUpperCase(Locale.ROOT);
    }
}

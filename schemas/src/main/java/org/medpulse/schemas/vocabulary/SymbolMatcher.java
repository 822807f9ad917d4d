package org.medpulse.schemas.vocabulary;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Matches what a person typed against an Avro enum's symbols and their aliases: case- and
 * accent-insensitive, with spaces and hyphens read as underscores ({@code "Several times a week"}
 * → {@code SEVERAL_TIMES_A_WEEK}). Never maps an unknown value to a default: callers decide.
 */
public final class SymbolMatcher<E extends Enum<E>> {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    private final Class<E> type;
    private final Map<String, E> byKey = new HashMap<>();
    private final Map<String, E> aliases;

    private SymbolMatcher(Class<E> type, Map<String, E> aliases) {
        this.type = type;
        this.aliases = Map.copyOf(aliases);
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

    /** The aliases accepted besides the symbols, as spelled when declared. */
    public Map<String, E> aliases() {
        return aliases;
    }

    /**
     * What a person may write, for error messages: {@code "one of GENERAL_PRACTITIONER, SPECIALIST,
     * OTHER (or GP, MG, généraliste, spécialiste)"}.
     */
    public String describeAccepted() {
        String symbols = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (aliases.isEmpty()) {
            return "one of " + symbols;
        }
        Map<String, E> sorted = new LinkedHashMap<>();
        aliases.entrySet().stream()
                .sorted(Map.Entry.<String, E>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return "one of " + symbols + " (or " + String.join(", ", sorted.keySet()) + ")";
    }

    private static String key(String text) {
        return SEPARATORS.matcher(Folding.foldAccentsAndCase(text.trim())).replaceAll("_").toUpperCase(Locale.ROOT);
    }
}

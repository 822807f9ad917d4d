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
    /**
     * The symbols and aliases as spelled when declared, each with what its key matches: the
     * spellings files repeat row after row, matched without computing a key.
     */
    private final Map<String, E> bySpelling = new HashMap<>();

    private SymbolMatcher(Class<E> type, Map<String, E> aliases) {
        this.type = type;
        this.aliases = Map.copyOf(aliases);
        for (E constant : type.getEnumConstants()) {
            byKey.put(key(constant.name()), constant);
        }
        aliases.forEach((alias, constant) -> byKey.put(key(alias), constant));
        for (E constant : type.getEnumConstants()) {
            bySpelling.put(constant.name(), byKey.get(key(constant.name())));
        }
        aliases.keySet().forEach(alias -> bySpelling.put(alias, byKey.get(key(alias))));
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
        E spelled = bySpelling.get(text);
        return Optional.ofNullable(spelled != null ? spelled : byKey.get(key(text)));
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

    static String key(String text) {
        String trimmed = text.trim();
        String ascii = asciiKey(trimmed);
        return ascii != null ? ascii
                : SEPARATORS.matcher(Folding.foldAccentsAndCase(trimmed)).replaceAll("_").toUpperCase(Locale.ROOT);
    }

    /**
     * The key of ASCII text without normalising or regular expressions (what ingestion matches
     * for most of its cells, a million times per file): nothing to decompose, no accents; letters
     * upper-cased, each run of white space ({@code \s}) and hyphens made one underscore. Null when
     * the text is not ASCII.
     */
    private static String asciiKey(String text) {
        StringBuilder key = new StringBuilder(text.length());
        boolean separating = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            boolean separator = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '-';
            if (!separator) {
                key.append(c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c);
            } else if (!separating) {
                key.append('_');
            }
            separating = separator;
        }
        return key.toString();
    }
}

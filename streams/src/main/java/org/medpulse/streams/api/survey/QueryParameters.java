package org.medpulse.streams.api.survey;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.medpulse.schemas.WaveId;
import org.medpulse.schemas.vocabulary.SymbolMatcher;
import org.medpulse.schemas.vocabulary.Vocabulary;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.DayWindows;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.question.ToolsQuestion;

/**
 * The query string of a request, parsed and validated. Strict on purpose: an unknown parameter
 * (a typo like {@code practicetype}) is an error rather than silently ignored, because ignoring a
 * filter returns plausible but wrong figures. Filter values match like ingestion, through
 * {@link Vocabulary}. Every problem is an {@link InvalidParameterException} naming the parameter.
 */
public final class QueryParameters {

    public static final String PARTNER = "partner";
    public static final String PRACTICE_TYPE = "practiceType";
    public static final String SETTING = "setting";
    public static final String ALLOW_STALE = "allowStale";
    public static final String TOP = "top";
    public static final String DAYS = "days";
    public static final String UNTIL = "until";
    /** The bearer token in the query, for {@code EventSource} clients, which cannot send headers (RFC 6750 §2.3). */
    public static final String ACCESS_TOKEN = "access_token";

    public static final List<String> FILTERS = List.of(PARTNER, PRACTICE_TYPE, SETTING);

    public static final int MAX_TOP = ToolsQuestion.MAX_TOP;
    public static final int MAX_DAYS = DayRange.MAX_DAYS;
    public static final int DEFAULT_DAYS = 30;
    static final int MAX_ID_LENGTH = 200;

    private final Map<String, List<String>> raw;

    private QueryParameters(Map<String, List<String>> raw) {
        this.raw = raw;
    }

    public static QueryParameters of(Map<String, List<String>> raw) {
        return new QueryParameters(Map.copyOf(raw));
    }

    /**
     * Rejects any parameter outside {@code allowed}, and any parameter given more than once.
     * {@code endpoint} names the route in the message.
     */
    public QueryParameters allowOnly(Collection<String> allowed, String endpoint) {
        for (Map.Entry<String, List<String>> parameter : raw.entrySet()) {
            String name = parameter.getKey();
            if (!allowed.contains(name)) {
                String accepted = allowed.isEmpty() ? "none" : String.join(", ", allowed);
                String hint = FILTERS.contains(name) ? " (" + endpoint + " takes no filters)" : "";
                throw new InvalidParameterException(name, "Unknown parameter '" + name + "'" + hint
                        + "; " + endpoint + " accepts: " + accepted);
            }
            if (parameter.getValue().size() > 1) {
                throw new InvalidParameterException(name, "Parameter '" + name + "' is given "
                        + parameter.getValue().size() + " times; give it once");
            }
        }
        return this;
    }

    /** The filter the request asks for; absent parameters leave their criterion open. */
    public SurveyFilter filter() {
        String partner = single(PARTNER).orElse(null);
        if (partner != null && partner.length() > MAX_ID_LENGTH) {
            throw new InvalidParameterException(PARTNER, "Parameter 'partner' is longer than " + MAX_ID_LENGTH + " characters");
        }
        return SurveyFilter.of(partner,
                symbol(PRACTICE_TYPE, Vocabulary.PRACTICE_TYPE, "practice type",
                        " (case- and accent-insensitive; aliases such as GP or MG accepted)"),
                symbol(SETTING, Vocabulary.SETTING, "setting", " (case- and accent-insensitive)"));
    }

    public ReadOptions readOptions() {
        Optional<String> value = single(ALLOW_STALE);
        if (value.isEmpty()) {
            return ReadOptions.activeOnly();
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> ReadOptions.allowStale();
            case "false" -> ReadOptions.activeOnly();
            default -> throw new InvalidParameterException(ALLOW_STALE,
                    "Parameter 'allowStale' must be true or false, got '" + value.get() + "'");
        };
    }

    /** {@code top}, 1..{@value #MAX_TOP}; empty means every tool. */
    public OptionalInt top() {
        return single(TOP).map(v -> OptionalInt.of(intIn(TOP, v, 1, MAX_TOP))).orElse(OptionalInt.empty());
    }

    /** The UTC days {@code until-days+1 … until}; {@code days} defaults to 30 and {@code until} to today (UTC). */
    public DayRange dayRange(Clock clock) {
        return dayRange(clock, DayWindows.any());
    }

    /**
     * As {@link #dayRange(Clock)}, within {@code windows} (the public's method may allow a few
     * windows only, see {@link DayWindows}): a length or end it does not allow is a 400 saying what
     * it allows; without {@code until}, the window ends on the last allowed day up to today.
     */
    public DayRange dayRange(Clock clock, DayWindows windows) {
        int days = single(DAYS).map(v -> intIn(DAYS, v, 1, MAX_DAYS)).orElse(DEFAULT_DAYS);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!windows.allowsLength(days)) {
            throw new InvalidParameterException(DAYS, "Parameter " + windows.describe(days, today) + " for this audience"
                    + " (each answer about a small group is one more noisy look at it), got " + days);
        }
        Optional<LocalDate> given = single(UNTIL).map(QueryParameters::date);
        LocalDate until = given.orElseGet(() -> windows.latestEnd(days, today));
        if (until.getYear() < 1 || until.getYear() > 9999) {
            throw new InvalidParameterException(UNTIL, "Parameter 'until' must be a date between 0001-01-01 and 9999-12-31");
        }
        if (!windows.allowsEnd(days, until)) {
            throw new InvalidParameterException(UNTIL, "For this audience " + windows.describe(days, until)
                    + ", got " + until);
        }
        return DayRange.ending(until, days);
    }

    /** A wave id from the path ({@link WaveId}: what ingestion accepts, nothing else). */
    public static String wave(String raw) {
        if (!WaveId.isValid(raw)) {
            throw new InvalidParameterException("wave", "Path parameter 'wave' must be a wave id such as 2025-06"
                    + " (not blank; " + WaveId.RULE + ")");
        }
        return raw;
    }

    /** A tool id, name or alias from the path. */
    public static String tool(String raw) {
        return pathId("tool", raw, "a tool id, name or alias such as chatgpt");
    }

    private static String pathId(String name, String raw, String expected) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_ID_LENGTH || raw.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(name, "Path parameter '" + name + "' must be " + expected
                    + " (not blank, at most " + MAX_ID_LENGTH + " characters)");
        }
        return raw;
    }

    private Optional<String> single(String name) {
        List<String> values = raw.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0);
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(name, "Parameter '" + name + "' must not be empty; leave it out instead");
        }
        return Optional.of(value);
    }

    private <E extends Enum<E>> E symbol(String name, SymbolMatcher<E> matcher, String what, String note) {
        return single(name).map(value -> matcher.match(value).orElseThrow(() -> new InvalidParameterException(name,
                "Parameter '" + name + "': '" + value + "' is not a " + what + "; allowed: "
                        + Arrays.stream(matcher.type().getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                        + note)))
                .orElse(null);
    }

    private static int intIn(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw new InvalidParameterException(name, "Parameter '" + name + "' must be an integer from " + min + " to " + max
                + ", got '" + value + "'");
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(UNTIL, "Parameter 'until' must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }
}

package org.medpulse.producer.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code submitted_at} forms partners send: {@code yyyy-MM-dd'T'HH:mm[:ss[.fraction]]}
 * followed by {@code Z}, {@code ±HH:MM} or nothing (then read in the ingestion zone); a space may
 * replace the {@code T}. Precision is truncated to milliseconds, the contract's resolution.
 *
 * <p>Local times that do not exist (spring-forward gap) move forward by the gap's length; local
 * times that exist twice (autumn overlap) take the earlier offset, i.e. the earlier instant.
 */
public final class SubmittedAt {

    private static final Pattern FORM = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)(Z|[+-]\\d{2}:\\d{2})?");

    private SubmittedAt() {
    }

    /** The instant {@code text} names, or a reason why it names none. */
    public static Parsed parse(String text, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Parsed.problem("'" + text + "' is not an ISO-8601 date and time; expected e.g. "
                    + "2025-06-14T09:30:00+02:00, 2025-06-14T07:30:00Z or 2025-06-14 09:30 (read in " + zone.getId() + ")");
        }
        LocalDateTime local = digitsOf(text, m);
        try {
            return local == null ? parseWithFormatters(text, m, zone) : Parsed.of(toInstant(local, m.group(3), zone));
        } catch (DateTimeException e) {
            return parseWithFormatters(text, m, zone); // an offset out of range: the formatters' message
        }
    }

    /**
     * The date and time of a text that matched {@link #FORM}, read digit by digit: what the ISO
     * formatters (strict) read, without their cost, once per row. Null when a field is out of
     * range: the formatters then say why, as they always did.
     */
    private static LocalDateTime digitsOf(String text, Matcher m) {
        int date = m.start(1);
        int time = m.start(2);
        int timeEnd = m.end(2);
        try {
            LocalDate day = LocalDate.of(number(text, date, 4), number(text, date + 5, 2), number(text, date + 8, 2));
            int second = timeEnd - time >= 8 ? number(text, time + 6, 2) : 0;
            int nanos = 0;
            if (timeEnd - time > 9) {
                int digits = timeEnd - time - 9;
                nanos = number(text, time + 9, digits);
                for (int i = digits; i < 9; i++) {
                    nanos *= 10;
                }
            }
            return LocalDateTime.of(day, LocalTime.of(number(text, time, 2), number(text, time + 3, 2), second, nanos));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** How every text was read before {@link #digitsOf}; still what explains a date or time out of range. */
    static Parsed parseWithFormatters(String text, Matcher m, ZoneId zone) {
        try {
            LocalDateTime local = LocalDateTime.of(
                    LocalDate.parse(m.group(1), DateTimeFormatter.ISO_LOCAL_DATE),
                    LocalTime.parse(m.group(2), DateTimeFormatter.ISO_LOCAL_TIME));
            return Parsed.of(toInstant(local, m.group(3), zone));
        } catch (DateTimeException e) {
            return Parsed.problem("'" + text + "' is not a valid date and time: " + e.getMessage());
        }
    }

    private static Instant toInstant(LocalDateTime local, String offset, ZoneId zone) {
        Instant instant = offset == null
                ? ZonedDateTime.ofLocal(local, zone, null).toInstant()
                : local.toInstant(ZoneOffset.of(offset));
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The matcher of {@code text} against the accepted form (for tests comparing both readings). */
    static Matcher form(String text) {
        return FORM.matcher(text);
    }

    /** A parsed instant, or the reason the text was refused. */
    public record Parsed(Instant instant, String problem) {

        static Parsed of(Instant instant) {
            return new Parsed(instant, null);
        }

        static Parsed problem(String problem) {
            return new Parsed(null, problem);
        }

        public Optional<Instant> value() {
            return Optional.ofNullable(instant);
        }
    }
}

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
        try {
            LocalDateTime local = LocalDateTime.of(
                    LocalDate.parse(m.group(1), DateTimeFormatter.ISO_LOCAL_DATE),
                    LocalTime.parse(m.group(2), DateTimeFormatter.ISO_LOCAL_TIME));
            String offset = m.group(3);
            Instant instant = offset == null
                    ? ZonedDateTime.ofLocal(local, zone, null).toInstant()
                    : local.toInstant(ZoneOffset.of(offset));
            return Parsed.of(instant.truncatedTo(ChronoUnit.MILLIS));
        } catch (DateTimeException e) {
            return Parsed.problem("'" + text + "' is not a valid date and time: " + e.getMessage());
        }
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

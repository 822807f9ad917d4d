package org.medpulse.cli.options;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.medpulse.producer.ingest.SubmittedAt;

import picocli.CommandLine;

/**
 * Reads a moment as a date ({@code 2025-06-01}, midnight UTC) or a date and time in any form
 * {@code submitted_at} accepts (without offset: UTC).
 */
public final class InstantConverter implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            SubmittedAt.Parsed parsed = SubmittedAt.parse(text, ZoneOffset.UTC);
            return parsed.value().orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date (2025-06-01) or date and time (2025-06-01T08:00:00Z)"));
        }
    }
}

package org.medpulse.cli.options;

import java.time.DateTimeException;
import java.time.ZoneId;

import picocli.CommandLine;

/** Reads a time zone id such as {@code Europe/Paris}, {@code UTC} or {@code +02:00}. */
public final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {

    @Override
    public ZoneId convert(String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a time zone; use a region id such as Europe/Paris, or UTC, or an offset such as +02:00");
        }
    }
}

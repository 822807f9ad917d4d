package org.medpulse.cli.options;

import java.util.Locale;

import picocli.CommandLine;

/** Reads a rate as {@code 50}, {@code 50/s} or {@code 2.5/s}: events per second. */
public final class RateConverter implements CommandLine.ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("/s")) {
            text = text.substring(0, text.length() - 2).trim();
        }
        try {
            double rate = Double.parseDouble(text);
            if (rate > 0 && !Double.isInfinite(rate)) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a rate; use a positive number per second, e.g. 50/s");
    }
}

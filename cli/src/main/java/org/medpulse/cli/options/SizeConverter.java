package org.medpulse.cli.options;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * Reads a size in bytes: a number, with an optional unit, binary ({@code KiB}, {@code MiB},
 * {@code GiB}, {@code TiB}) or decimal ({@code KB}, {@code MB}, {@code GB}, {@code TB}); e.g.
 * {@code 512MiB}, {@code 1.5 GiB}, {@code 100000}.
 */
public final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
    private static final Map<String, Long> UNITS = Map.of(
            "", 1L, "b", 1L,
            "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30, "tib", 1L << 40,
            "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L, "tb", 1_000_000_000_000L);

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a size; use e.g. 512MiB, 2GiB, 100MB or a number of bytes");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive size that fits in 8 bytes");
        }
        return bytes.longValue();
    }
}

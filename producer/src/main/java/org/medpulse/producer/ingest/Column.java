package org.medpulse.producer.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of a partner file (CSV header names, JSON Lines field names). Header names match
 * case-insensitively; column order is free.
 */
public enum Column {
    RESPONSE_ID("response_id", false),
    RESPONDENT_ID("respondent_id", true),
    WAVE("wave", true),
    SUBMITTED_AT("submitted_at", true),
    PRACTICE_TYPE("practice_type", true),
    SPECIALTY("specialty", false),
    SETTING("setting", false),
    REGION("region", false),
    USAGE_FREQUENCY("usage_frequency", true),
    USE_CASES("use_cases", false, true),
    BARRIERS("barriers", false, true),
    FUTURE_USE_CASES("future_use_cases", false, true),
    TOOLS("tools", false, true),
    /**
     * Since schema v2: the market drivers named. Unlike the other lists, its absence means something:
     * a file (or JSON Lines record) without it was not asked about drivers, while an empty value
     * was asked and named none.
     */
    MARKET_DRIVERS("market_drivers", false, true);

    private static final Map<String, Column> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Column::headerName, Function.identity()));

    private final String headerName;
    private final boolean required;
    private final boolean list;

    Column(String headerName, boolean required) {
        this(headerName, required, false);
    }

    Column(String headerName, boolean required, boolean list) {
        this.headerName = headerName;
        this.required = required;
        this.list = list;
    }

    /** The name partners write in the header row (and rejects files show in their {@code field} column). */
    public String headerName() {
        return headerName;
    }

    /** A required column must be present in the header, and its value non-empty in every row. */
    public boolean required() {
        return required;
    }

    /** A list column holds {@code |}-separated values (or, in JSON Lines, an array). */
    public boolean list() {
        return list;
    }

    /** The column a header cell names, ignoring case and surrounding whitespace. */
    public static Optional<Column> byHeaderName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        return headerName;
    }
}

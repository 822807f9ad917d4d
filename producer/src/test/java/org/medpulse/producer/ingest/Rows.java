package org.medpulse.producer.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixtures: a valid partner row that tests change one value of. */
final class Rows {

    static final Instant STARTED_AT = Instant.parse("2025-11-20T12:00:00Z");
    static final IngestRules RULES = IngestRules.of("acme", ZoneId.of("Europe/Paris"), STARTED_AT);

    private Rows() {
    }

    /** A complete valid row, by column. */
    static Map<Column, String> valid() {
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.RESPONSE_ID, "");
        row.put(Column.RESPONDENT_ID, "r-001");
        row.put(Column.WAVE, "2025-06");
        row.put(Column.SUBMITTED_AT, "2025-06-14T09:30:00+02:00");
        row.put(Column.PRACTICE_TYPE, "GENERAL_PRACTITIONER");
        row.put(Column.SPECIALTY, "");
        row.put(Column.SETTING, "PRIVATE_PRACTICE");
        row.put(Column.REGION, "Bretagne");
        row.put(Column.USAGE_FREQUENCY, "WEEKLY");
        row.put(Column.USE_CASES, "ADMINISTRATIVE_DOCUMENTATION");
        row.put(Column.BARRIERS, "COST");
        row.put(Column.FUTURE_USE_CASES, "DIAGNOSIS");
        row.put(Column.TOOLS, "ChatGPT:WEEKLY");
        return row;
    }

    static Map<Column, String> validWith(Column column, String value) {
        Map<Column, String> row = valid();
        row.put(column, value);
        return row;
    }

    static SourceRow sourceRow(Map<Column, String> values) {
        Map<Column, Cell> cells = new LinkedHashMap<>();
        values.forEach((column, value) -> cells.put(column, Cell.text(value)));
        return new SourceRow(2, cells, "raw");
    }
}

package org.medpulse.chaos.panel;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.PartnerCsvWriter;

/**
 * Hostile partner rows: a real row of the panel with one field broken the way partner exports
 * break them. Ingestion must reject every one into the rejects file and publish none. Each uses a
 * respondent id of its own ({@code chaos-bad-…}), so that one published by mistake would show as
 * a respondent nobody answered as.
 */
public final class MalformedRows {

    /** Respondent ids of malformed rows start with this. */
    public static final String RESPONDENT_PREFIX = "chaos-bad-";

    /** The ways a row is broken, each with the column at fault. */
    public enum Kind {
        UNKNOWN_PRACTICE_TYPE("practice_type", "unknown practice type", v -> "Dentist"),
        UNPARSEABLE_DATE("submitted_at", "submitted_at not ISO-8601", v -> "06/05/2025 11:30"),
        FUTURE_DATE("submitted_at", "submitted_at in the future", v -> "2099-01-01T00:00:00Z"),
        UNKNOWN_FREQUENCY("usage_frequency", "unknown usage frequency", v -> "SOMETIMES"),
        MISSING_RESPONDENT("respondent_id", "respondent_id missing", v -> ""),
        INVALID_WAVE("wave", "invalid wave id", v -> "June 2025!"),
        UNKNOWN_BARRIER("barriers", "unknown barrier", v -> v.isEmpty() ? "TELEPATHY" : v + "|TELEPATHY"),
        UNKNOWN_TOOL_FREQUENCY("tools", "unknown tool frequency", v -> "ChatGPT:HOURLY"),
        UNKNOWN_MARKET_DRIVER("market_drivers", "unknown market driver", v -> v.isEmpty() ? "TELEKINESIS" : v + "|TELEKINESIS");

        private final String column;
        private final String description;
        private final UnaryOperator<String> breakValue;

        Kind(String column, String description, UnaryOperator<String> breakValue) {
            this.column = column;
            this.description = description;
            this.breakValue = breakValue;
        }

        public String column() {
            return column;
        }

        public String description() {
            return description;
        }

        /** Whether a row of a file with ({@code v2}) or without the market_drivers column can be broken this way. */
        public boolean appliesTo(boolean v2) {
            return v2 || !column.equals("market_drivers");
        }
    }

    private static final CSVFormat LINE = CSVFormat.RFC4180.builder().setRecordSeparator("").get();
    private static final CSVFormat PARSE = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private MalformedRows() {
    }

    /** The CSV line (no line break) of {@code template} as respondent {@code respondentId}, broken as {@code kind} says. */
    public static String line(SurveyResponse template, String respondentId, Kind kind) {
        SurveyResponse row = SurveyResponse.newBuilder(template).setRespondentId(respondentId).build();
        StringWriter text = new StringWriter();
        try {
            try (PartnerCsvWriter writer = new PartnerCsvWriter(text, row.getMarketDrivers() != null)) {
                writer.write(row);
            }
            try (CSVParser parser = CSVParser.parse(new StringReader(text.toString()), PARSE)) {
                List<String> header = parser.getHeaderNames();
                CSVRecord record = parser.getRecords().get(0);
                List<String> values = new ArrayList<>(record.toList());
                int column = header.indexOf(kind.column());
                if (column < 0) {
                    throw new IllegalStateException("partner CSV has no column " + kind.column() + ": " + header);
                }
                values.set(column, kind.breakValue.apply(values.get(column)));
                return LINE.format(values.toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.medpulse.producer.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;

/**
 * Writes responses in the partner CSV format that {@link CsvPartnerFile} reads, every column
 * present, so that ingesting the file gives back the same responses (the partner comes from
 * {@code --partner} at ingestion; the response ids are written out).
 *
 * <p>In CSV, whether respondents were asked about market drivers is a property of the file (the
 * {@code market_drivers} column is there or not), so a writer is made for one or the other, and
 * refuses a response that its file could not give back: one not asked, in a file with the column
 * (it would read as asked, none named), or one asked, in a file without it.
 */
public final class PartnerCsvWriter implements Closeable {

    private final CSVPrinter printer;
    private final List<Column> columns;
    private final boolean marketDrivers;

    /** A writer of responses asked about market drivers (schema v2): every column, {@code market_drivers} included. */
    public PartnerCsvWriter(Writer out) throws IOException {
        this(out, true);
    }

    /**
     * A writer of responses asked about market drivers ({@code marketDrivers}: the file has the
     * column), or not asked (as v1 responses: the file has every column but that one).
     */
    public PartnerCsvWriter(Writer out, boolean marketDrivers) throws IOException {
        this.marketDrivers = marketDrivers;
        this.columns = Arrays.stream(Column.values())
                .filter(column -> marketDrivers || column != Column.MARKET_DRIVERS)
                .toList();
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setRecordSeparator('\n')
                .setHeader(columns.stream().map(Column::headerName).toArray(String[]::new))
                .get());
    }

    public void write(SurveyResponse response) throws IOException {
        boolean asked = response.getMarketDrivers() != null;
        if (asked != marketDrivers) {
            throw new IllegalArgumentException("Response " + response.getResponseId() + (asked
                    ? " was asked about market drivers, which a file without the market_drivers column cannot say"
                    : " was not asked about market drivers, which a file with the market_drivers column cannot say"
                            + " (an empty value there means asked, none named)"));
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (Column column : columns) {
            values.add(value(response, column));
        }
        printer.printRecord(values);
    }

    private static String value(SurveyResponse r, Column column) {
        return switch (column) {
            case RESPONSE_ID -> r.getResponseId();
            case RESPONDENT_ID -> r.getRespondentId();
            case WAVE -> r.getWaveId();
            case SUBMITTED_AT -> r.getSubmittedAt().toString();
            case PRACTICE_TYPE -> r.getPracticeType().name();
            case SPECIALTY -> r.getSpecialty() == null ? "" : r.getSpecialty();
            case SETTING -> r.getSetting().name();
            case REGION -> r.getRegion() == null ? "" : r.getRegion();
            case USAGE_FREQUENCY -> r.getUsageFrequency().name();
            case USE_CASES -> r.getUseCases().stream().map(Enum::name).collect(Collectors.joining("|"));
            case BARRIERS -> r.getBarriers().stream().map(Enum::name).collect(Collectors.joining("|"));
            case FUTURE_USE_CASES -> r.getExpectedFutureUseCases().stream().map(Enum::name)
                    .collect(Collectors.joining("|"));
            case TOOLS -> r.getTools().stream().map(PartnerCsvWriter::tool).collect(Collectors.joining("|"));
            case MARKET_DRIVERS -> r.getMarketDrivers().stream().map(Enum::name).collect(Collectors.joining("|"));
        };
    }

    private static String tool(ToolUsage tool) {
        String name = tool.getTool();
        if (name.contains("|")) {
            throw new IllegalArgumentException("Tool name '" + name + "' contains '|' and cannot be written to a partner CSV");
        }
        if (tool.getFrequency() != null) {
            return name + ":" + tool.getFrequency().name();
        }
        // Entries split at their last ':'; an empty frequency keeps a name with a colon whole.
        return name.contains(":") ? name + ":" : name;
    }

    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}

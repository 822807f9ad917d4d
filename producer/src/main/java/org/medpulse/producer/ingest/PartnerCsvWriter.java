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
 */
public final class PartnerCsvWriter implements Closeable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n')
            .setHeader(Arrays.stream(Column.values()).map(Column::headerName).toArray(String[]::new))
            .get();

    private final CSVPrinter printer;

    public PartnerCsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    public void write(SurveyResponse response) throws IOException {
        List<Object> values = new ArrayList<>(Column.values().length);
        for (Column column : Column.values()) {
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

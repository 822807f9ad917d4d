package org.medpulse.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.producer.ingest.Column;
import org.medpulse.producer.ingest.PartnerCsvWriter;
import org.medpulse.producer.ingest.Reject;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.producer.simulate.PanelWindow;

/**
 * A partner CSV file as partners send them, for the ingestion benchmark: one partner's deliveries
 * of one wave from the producer's simulator ({@link PanelSimulator}: corrections, redeliveries,
 * late answers), written by {@link PartnerCsvWriter}, every column present. About one row in 200
 * is planted to be rejected, each with a fault partners make (an unknown symbol, an impossible or
 * future date, a missing value, a broken quote, a line cut short, another answer at the same
 * instant as the row before), so that the rejects path runs and its count can be checked exactly.
 */
final class BenchPartnerFile {

    /** The wave of the file: a past month, so that the same seed gives the same file on every run. */
    static final String WAVE = "2025-06";
    static final double REJECT_SHARE = 0.005;

    /** A fault planted in a row, and the column its reject names ({@link Reject#WHOLE_ROW} for the whole line). */
    enum Fault {
        UNKNOWN_PRACTICE_TYPE(Column.PRACTICE_TYPE.headerName()),
        IMPOSSIBLE_DATE(Column.SUBMITTED_AT.headerName()),
        FUTURE_DATE(Column.SUBMITTED_AT.headerName()),
        MISSING_USAGE_FREQUENCY(Column.USAGE_FREQUENCY.headerName()),
        UNKNOWN_TOOL_FREQUENCY(Column.TOOLS.headerName()),
        INVALID_WAVE(Column.WAVE.headerName()),
        VALUE_MISSING_AT_THE_END(Reject.WHOLE_ROW),
        BROKEN_QUOTE(Reject.WHOLE_ROW),
        /** The row before again, with another usage frequency: a correction that cannot be ordered. */
        SAME_INSTANT_OTHER_ANSWERS(Column.SUBMITTED_AT.headerName());

        private final String field;

        Fault(String field) {
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** A planted row: its physical line (the header is line 1) and its fault. */
    record Planted(long line, Fault fault) {
    }

    /**
     * What was written: {@code rows} data rows, {@code planted} among them in line order, and the
     * first {@code sample} responses written unaltered, as ingestion publishes them.
     */
    record Written(Path file, long rows, long bytes, List<Planted> planted, List<SurveyResponse> sample) {

        long accepted() {
            return rows - planted.size();
        }
    }

    private static final CSVFormat CELLS = CSVFormat.RFC4180;

    private BenchPartnerFile() {
    }

    /**
     * Writes {@code rows} data rows of a panel seeded with {@code seed} to {@code file}, as a
     * partner {@code partnerId} would deliver them; keeps the first {@code sampleSize} unaltered
     * responses, stamped with {@code partnerId} as ingestion stamps them.
     */
    static Written write(Path file, int rows, long seed, String partnerId, int sampleSize) {
        PanelWindow month = PanelWindow.forWave(WAVE, Instant.now());
        // As many respondents as rows: their deliveries (about 1.07 per respondent) outnumber the rows.
        PanelSettings panel = PanelSettings.of(WAVE, rows, month.from(), month.to()).withSeed(seed)
                .withCorrectionShare(0.05).withDuplicateShare(0.01)
                // Late answers are accepted; altered redeliveries are planted (and counted) here instead.
                .withDisorder(new PanelSettings.Disorder(0.01, 0));
        Iterator<SurveyResponse> deliveries = PanelSimulator.of(panel).deliveries().iterator();
        SplittableRandom faults = new SplittableRandom(seed);
        List<Planted> planted = new ArrayList<>();
        List<SurveyResponse> sample = new ArrayList<>();
        Fault[] kinds = Fault.values();
        StringWriter row = new StringWriter();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                PartnerCsvWriter csv = new PartnerCsvWriter(row)) {
            csv.flush();
            out.write(take(row));
            SurveyResponse previous = null;
            for (int i = 0; i < rows; i++) {
                long line = i + 2L;
                Fault fault = faults.nextDouble() < REJECT_SHARE ? kinds[planted.size() % kinds.length] : null;
                if (fault == Fault.SAME_INSTANT_OTHER_ANSWERS && previous == null) {
                    fault = Fault.UNKNOWN_PRACTICE_TYPE; // no accepted row just before to contradict
                }
                if (fault == Fault.SAME_INSTANT_OTHER_ANSWERS) {
                    csv.write(otherAnswers(previous));
                    csv.flush();
                    out.write(take(row));
                    previous = null;
                } else {
                    SurveyResponse response = deliveries.next();
                    csv.write(response);
                    csv.flush();
                    out.write(fault == null ? take(row) : faulty(take(row), fault));
                    previous = fault == null ? response : null;
                    if (fault == null && sample.size() < sampleSize) {
                        sample.add(SurveyResponse.newBuilder(response).setPartnerId(partnerId).build());
                    }
                }
                if (fault != null) {
                    planted.add(new Planted(line, fault));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Written(file, rows, Files.size(file), List.copyOf(planted), List.copyOf(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String take(StringWriter row) {
        String text = row.toString();
        row.getBuffer().setLength(0);
        return text;
    }

    /** The same respondent, wave, instant and response id with another usage frequency. */
    private static SurveyResponse otherAnswers(SurveyResponse response) {
        UsageFrequency other = response.getUsageFrequency() == UsageFrequency.DAILY
                ? UsageFrequency.WEEKLY : UsageFrequency.DAILY;
        return SurveyResponse.newBuilder(response).setUsageFrequency(other).build();
    }

    /** {@code line} (a record as the writer wrote it, line break included) with {@code fault}. */
    private static String faulty(String line, Fault fault) throws IOException {
        List<String> cells;
        try (CSVParser parser = CELLS.parse(new StringReader(line))) {
            cells = new ArrayList<>(parser.iterator().next().toList());
        }
        switch (fault) {
            case UNKNOWN_PRACTICE_TYPE -> cells.set(Column.PRACTICE_TYPE.ordinal(), "Dentist");
            case IMPOSSIBLE_DATE -> cells.set(Column.SUBMITTED_AT.ordinal(), "2025-06-31 09:30");
            case FUTURE_DATE -> cells.set(Column.SUBMITTED_AT.ordinal(), "2099-06-14T09:30:00Z");
            case MISSING_USAGE_FREQUENCY -> cells.set(Column.USAGE_FREQUENCY.ordinal(), "");
            case UNKNOWN_TOOL_FREQUENCY -> cells.set(Column.TOOLS.ordinal(), "ChatGPT:SOMETIMES");
            case INVALID_WAVE -> cells.set(Column.WAVE.ordinal(), "2025/06");
            case VALUE_MISSING_AT_THE_END -> cells.remove(cells.size() - 1);
            case BROKEN_QUOTE -> {
                // A quote closed before the end of its value: commons-csv cannot read the record.
                String respondent = cells.get(Column.RESPONDENT_ID.ordinal());
                cells.set(Column.RESPONDENT_ID.ordinal(), "BROKEN_QUOTE");
                return CELLS.format(cells.toArray()).replace("BROKEN_QUOTE", '"' + respondent + "\"?") + '\n';
            }
            case SAME_INSTANT_OTHER_ANSWERS -> throw new IllegalArgumentException("not a change of one line");
        }
        return CELLS.format(cells.toArray()) + '\n';
    }
}

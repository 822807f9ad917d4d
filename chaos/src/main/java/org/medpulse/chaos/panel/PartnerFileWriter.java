package org.medpulse.chaos.panel;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.PartnerCsvWriter;

/**
 * One partner file of the game day, in the partner CSV format {@code medpulse simulate --out}
 * writes (every column, response ids included), with malformed rows among the good ones. It
 * remembers the physical line of each malformed row (the header is line 1), which is where the
 * rejects file must list it.
 */
public final class PartnerFileWriter implements Closeable {

    private final Path path;
    private final boolean v2;
    private final Writer out;
    private final PartnerCsvWriter csv;
    private final Map<Long, MalformedRows.Kind> malformed = new TreeMap<>();
    private long line = 1;
    private long rows;

    /** A file with the market_drivers column ({@code v2}: responses asked about them) or without. */
    public PartnerFileWriter(Path path, boolean v2) throws IOException {
        this.path = path;
        this.v2 = v2;
        Files.createDirectories(path.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.csv = new PartnerCsvWriter(out, v2);
    }

    public boolean v2() {
        return v2;
    }

    public Path path() {
        return path;
    }

    public void write(SurveyResponse response) throws IOException {
        csv.write(response);
        line++;
        rows++;
    }

    public void writeMalformed(SurveyResponse template, String respondentId, MalformedRows.Kind kind) throws IOException {
        String text = MalformedRows.line(template, respondentId, kind);
        csv.flush();
        out.write(text);
        out.write('\n');
        line++;
        malformed.put(line, kind);
    }

    /** Good rows written. */
    public long rows() {
        return rows;
    }

    /** Line number → how that row is broken. */
    public Map<Long, MalformedRows.Kind> malformed() {
        return Collections.unmodifiableMap(malformed);
    }

    @Override
    public void close() throws IOException {
        csv.close();
        out.close();
    }
}

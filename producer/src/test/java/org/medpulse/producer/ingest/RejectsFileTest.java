package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsFileTest {

    @TempDir
    Path dir;

    @Test
    void rejectsAreWrittenAsCsvWithAFixedHeaderOrderedByLine() throws Exception {
        Path target = dir.resolve("delivery.csv.rejects.csv");
        RejectsFile.write(target, List.of(
                new Reject(7, "practice_type", "unknown practice type 'Dentist'; expected one of X, Y", "r7,w,Dentist"),
                Reject.ofRow(3, "broken quoting", "r3,\"w"),
                new Reject(12, "region", "multi-line", "r12,\"Nord\nPas-de-Calais\"")));
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("""
                line,field,reason,raw
                3,,broken quoting,"r3,""w"
                7,practice_type,"unknown practice type 'Dentist'; expected one of X, Y","r7,w,Dentist"
                12,region,multi-line,"r12,""Nord
                Pas-de-Calais"""
                + "\"\"\"\n");
        try (Reader in = Files.newBufferedReader(target);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(parser.getHeaderNames()).containsExactly("line", "field", "reason", "raw");
            assertThat(records.get(2).get("raw")).isEqualTo("r12,\"Nord\nPas-de-Calais\"");
        }
    }

    @Test
    void noRejectsGiveAHeaderOnlyFileThatReplacesAnOlderReport() throws Exception {
        Path target = RejectsFile.besides(dir.resolve("delivery.csv"));
        assertThat(target.getFileName().toString()).isEqualTo("delivery.csv.rejects.csv");
        Files.writeString(target, "stale");
        RejectsFile.write(target, List.of());
        assertThat(Files.readString(target)).isEqualTo("line,field,reason,raw\n");
        assertThat(dir.toFile().list()).containsExactly("delivery.csv.rejects.csv");
    }
}

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

    @Test
    void cellsASpreadsheetWouldEvaluateAreQuotedBehindASingleQuote() throws Exception {
        Path target = dir.resolve("delivery.csv.rejects.csv");
        RejectsFile.write(target, List.of(
                Reject.ofRow(2, "wrong number of values", "=HYPERLINK(\"http://x\",\"y\")"),
                Reject.ofRow(3, "wrong number of values", "+1"),
                Reject.ofRow(4, "wrong number of values", "-2+3"),
                Reject.ofRow(5, "wrong number of values", "@SUM(A1)"),
                Reject.ofRow(6, "wrong number of values", "\tcmd"),
                Reject.ofRow(7, "wrong number of values", "\r=1"),
                Reject.ofRow(8, "wrong number of values", "r8,a=b,-c")));
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("""
                line,field,reason,raw
                2,,wrong number of values,"'=HYPERLINK(""http://x"",""y"")"
                3,,wrong number of values,"'+1"
                4,,wrong number of values,"'-2+3"
                5,,wrong number of values,"'@SUM(A1)"
                6,,wrong number of values,"'\tcmd"
                7,,wrong number of values,"'\r=1"
                8,,wrong number of values,"r8,a=b,-c"
                """);
    }

    @Test
    void rowsThatComeOutOfOrderAreMergedInByLineAndStayNeutralised() throws Exception {
        Path target = dir.resolve("delivery.csv.rejects.csv");
        try (RejectsFile.Writer writer = RejectsFile.writer(target)) {
            writer.accept(Reject.ofRow(3, "broken quoting", "=r3"));
            writer.accept(Reject.ofRow(9, "broken quoting", "r9"));
            writer.accept(Reject.ofRow(5, "not published: timeout", "r5"));
            writer.accept(Reject.ofRow(2, "not published: timeout", "@r2"));
            writer.accept(Reject.ofRow(12, "not published: timeout", "r12"));
            assertThat(target).doesNotExist();
            writer.commit();
        }
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("""
                line,field,reason,raw
                2,,not published: timeout,"'@r2"
                3,,broken quoting,"'=r3"
                5,,not published: timeout,r5
                9,,broken quoting,r9
                12,,not published: timeout,r12
                """);
        assertThat(dir.toFile().list()).containsExactly("delivery.csv.rejects.csv");
    }

    @Test
    void aLinkPlantedWhereTheReportGoesIsReplacedNotWrittenThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path target = dir.resolve("delivery.csv.rejects.csv");
        Files.createSymbolicLink(target, victim);
        Files.createSymbolicLink(dir.resolve(".delivery.csv.rejects.csv.tmp"), victim);
        RejectsFile.write(target, List.of(Reject.ofRow(3, "broken quoting", "r3")));
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readAllLines(target)).containsExactly("line,field,reason,raw", "3,,broken quoting,r3");
    }
}

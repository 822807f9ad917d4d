package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvPartnerFileTest {

    static final String HEADER = "respondent_id,wave,submitted_at,practice_type,usage_frequency";

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private PartnerFile open(String content) throws Exception {
        return open(content.getBytes(StandardCharsets.UTF_8));
    }

    private PartnerFile open(byte[] content) throws Exception {
        Path file = dir.resolve("delivery.csv");
        Files.write(file, content);
        return PartnerFile.open(file, warnings::add);
    }

    private List<ReadRow> rows(String content) throws Exception {
        try (var rows = open(content).rows()) {
            return rows.toList();
        }
    }

    private static String text(ReadRow row, Column column) {
        return ((Cell.Text) ((SourceRow) row).cells().get(column)).value();
    }

    @ParameterizedTest(name = "header [{0}] -> [{1}]")
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            "a,b,c # ,",
            "a;b;c # ;",
            "a;b,c;d # ;",
            "a,b;c,d # ,",
            "a,b;c # ,",
            "abc # ,",
            "`a;b,\"c;d;e\"` # ;",
    })
    void theDelimiterIsWhicheverOfCommaAndSemicolonTheHeaderLineHoldsMore(String header, char expected) {
        assertThat(CsvPartnerFile.detectDelimiter(header)).isEqualTo(expected);
    }

    @Test
    void semicolonFilesAsFrenchSpreadsheetsExportThemAreRead() throws Exception {
        List<ReadRow> rows = rows("""
                respondent_id;wave;submitted_at;practice_type;usage_frequency;tools
                r1;2025-06;2025-06-14 09:30;Généraliste;Hebdomadaire;"ChatGPT:DAILY;x"
                """);
        assertThat(rows).hasSize(1);
        assertThat(text(rows.get(0), Column.PRACTICE_TYPE)).isEqualTo("Généraliste");
        assertThat(text(rows.get(0), Column.TOOLS)).isEqualTo("ChatGPT:DAILY;x");
    }

    @Test
    void aByteOrderMarkIsIgnored() throws Exception {
        byte[] body = (HEADER + "\nr1,w,2025-06-14T09:30Z,GP,DAILY\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        try (var rows = open(withBom).rows()) {
            assertThat(rows.toList()).singleElement()
                    .satisfies(row -> assertThat(text(row, Column.RESPONDENT_ID)).isEqualTo("r1"));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void headerNamesAreCaseInsensitiveInAnyOrderAndUnknownColumnsAreWarnedAboutOnce() throws Exception {
        List<ReadRow> rows = rows("""
                Usage_Frequency, NOTES ,WAVE,Respondent_ID,submitted_at,Practice_Type,extra
                DAILY,hello,w,r1,2025-06-14T09:30Z,GP,x
                WEEKLY,again,w,r2,2025-06-14T09:30Z,GP,y
                """);
        assertThat(rows).hasSize(2);
        assertThat(text(rows.get(1), Column.RESPONDENT_ID)).isEqualTo("r2");
        assertThat(text(rows.get(1), Column.USAGE_FREQUENCY)).isEqualTo("WEEKLY");
        assertThat(((SourceRow) rows.get(0)).cells()).doesNotContainKey(Column.TOOLS);
        assertThat(warnings).singleElement().asString().contains("ignoring unknown columns 'NOTES', 'extra'");
    }

    @Test
    void aMissingRequiredColumnMakesTheFileUnusableNamingIt() {
        assertThatThrownBy(() -> open("respondent_id,wave,practice_type\nr1,w,GP\n"))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("missing required columns submitted_at, usage_frequency");
        assertThatThrownBy(() -> open("respondent_id,submitted_at,practice_type,usage_frequency\n"))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("missing required column wave");
    }

    @Test
    void aColumnGivenTwiceMakesTheFileUnusable() {
        assertThatThrownBy(() -> open(HEADER + ",WAVE\n"))
                .isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("column 'wave' appears twice");
    }

    @Test
    void anEmptyFileIsUnusable() {
        assertThatThrownBy(() -> open("\n  \n")).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aFileThatIsNotUtf8IsUnusableAndTheMessageSaysWhere() {
        byte[] latin1 = (HEADER + "\nr1,w,2025-06-14T09:30Z,Généraliste,DAILY\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> open(latin1)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("not UTF-8").hasMessageContaining("line 2");
    }

    /**
     * The whole file is checked in buffers of 64 KiB: a character cut by a buffer's end is still
     * UTF-8, and a bad byte far into the file is still named with its line.
     */
    @Test
    void utf8IsCheckedAcrossTheReadersBuffers() throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        int lines = 0;
        while (text.length() < 300_000) {
            // 1-, 2-, 3- and 4-byte characters, so that every buffer boundary cuts one somewhere.
            text.append("r").append(lines++).append(",w,2025-06-14T09:30Z,Généraliste,DAILY,€𝄞\n");
        }
        assertThat(open(text.toString().getBytes(StandardCharsets.UTF_8)).path()).isNotNull();

        byte[] bad = (text + "r-last,w,2025-06-14T09:30Z,GP,DAILY\n").getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 3] = (byte) 0xE9; // a Latin-1 é in the last line
        assertThatThrownBy(() -> open(bad)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("not UTF-8").hasMessageContaining("line " + (lines + 2));
    }

    @Test
    void quotingFollowsRfc4180() throws Exception {
        List<ReadRow> rows = rows(HEADER + ",specialty,region\n"
                + "r1,w,2025-06-14T09:30Z,GP,DAILY,\"Cardiologie, pédiatrique\",\"Le \"\"Grand\"\" Est\"\n"
                + "\"r2\",w,2025-06-14T09:30Z,GP,DAILY,\"\",plain\n");
        assertThat(rows).hasSize(2);
        assertThat(text(rows.get(0), Column.SPECIALTY)).isEqualTo("Cardiologie, pédiatrique");
        assertThat(text(rows.get(0), Column.REGION)).isEqualTo("Le \"Grand\" Est");
        assertThat(text(rows.get(1), Column.RESPONDENT_ID)).isEqualTo("r2");
        assertThat(text(rows.get(1), Column.SPECIALTY)).isEmpty();
    }

    @Test
    void lineNumbersArePhysicalAndARecordSpanningLinesIsNumberedWhereItStarts() throws Exception {
        String content = "\n" + HEADER + ",region\r\n"                  // lines 1-2
                + "r1,w,2025-06-14T09:30Z,GP,DAILY,\"Nord\r\nPas-de-Calais\"\r\n" // lines 3-4
                + "\r\n"                                                // line 5, blank
                + "   \r\n"                                             // line 6, blank
                + "r2,w,2025-06-14T09:30Z,GP,DAILY,Bretagne\r\n"         // line 7
                + "r3,w,2025-06-14T09:30Z,GP,DAILY,\"a\nb\nc\"";         // lines 8-10, no final break
        List<ReadRow> rows = rows(content);
        assertThat(rows).extracting(ReadRow::line).containsExactly(3L, 7L, 8L);
        assertThat(((SourceRow) rows.get(0)).raw()).isEqualTo("r1,w,2025-06-14T09:30Z,GP,DAILY,\"Nord\r\nPas-de-Calais\"");
        assertThat(text(rows.get(0), Column.REGION)).isEqualTo("Nord\r\nPas-de-Calais");
        assertThat(((SourceRow) rows.get(1)).raw()).isEqualTo("r2,w,2025-06-14T09:30Z,GP,DAILY,Bretagne");
        assertThat(((SourceRow) rows.get(2)).raw()).isEqualTo("r3,w,2025-06-14T09:30Z,GP,DAILY,\"a\nb\nc\"");
    }

    @Test
    void aBrokenQuoteRejectsItsLineAndReadingGoesOn() throws Exception {
        List<ReadRow> rows = rows(HEADER + "\n"
                + "r1,w,2025-06-14T09:30Z,GP,DAILY\n"           // 2
                + "r2,w,\"2025-06-14T09:30Z\"x,GP,DAILY\n"      // 3: text after a closing quote
                + "r3,w,2025-06-14T09:30Z,GP,DAILY\n"           // 4
                + "r4,\"w,2025-06-14T09:30Z,GP,DAILY\n"         // 5: quote never closed
                + "r5,w,2025-06-14T09:30Z,GP,DAILY\n"           // 6
                + "r6,\"w\",\"2025-06-14T09:30Z\",GP,DAILY\n"); // 7
        assertThat(rows).extracting(ReadRow::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(1)).isInstanceOfSatisfying(Reject.class, reject -> {
            assertThat(reject.field()).isEmpty();
            assertThat(reject.reason()).startsWith("broken quoting");
            assertThat(reject.raw()).isEqualTo("r2,w,\"2025-06-14T09:30Z\"x,GP,DAILY");
        });
        assertThat(rows.get(3)).isInstanceOfSatisfying(Reject.class, reject -> {
            assertThat(reject.reason()).startsWith("broken quoting");
            assertThat(reject.raw()).isEqualTo("r4,\"w,2025-06-14T09:30Z,GP,DAILY");
        });
        assertThat(rows).filteredOn(SourceRow.class::isInstance)
                .extracting(row -> text(row, Column.RESPONDENT_ID)).containsExactly("r1", "r3", "r5", "r6");
    }

    /**
     * Broken quotes used to cost a re-parse of the rest of the file each (160,000 of them took
     * minutes); now a broken file reads about as fast as a good one of the same size, including one
     * where every record's quoted value runs to the end of the file.
     */
    @Test
    void readingIsLinearInTheFileSizeWhateverTheQuoting() throws Exception {
        int lines = 30_000;
        StringBuilder good = new StringBuilder(HEADER).append('\n');
        StringBuilder broken = new StringBuilder(HEADER).append('\n');
        StringBuilder runaway = new StringBuilder(HEADER).append("\nr0,\"w\n");
        for (int i = 0; i < lines; i++) {
            good.append('r').append(i).append(",2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");
            broken.append('r').append(i).append(",\"2025-06,2025-06-14T09:30:00Z,GP,DAILY\n");
            runaway.append("y\",\"w\n"); // from a record's start or inside a quote alike, the quote stays open
        }
        timeToRead(good.toString()); // warm-up, both paths
        timeToRead(broken.toString());
        long goodNanos = timeToRead(good.toString());
        assertThat(timeToRead(broken.toString())).isLessThan(5 * goodNanos + 1_000_000_000L);
        assertThat(timeToRead(runaway.toString())).isLessThan(5 * goodNanos + 1_000_000_000L);
        assertThat(rows(broken.toString())).hasSize(lines).allSatisfy(row -> assertThat(row).isInstanceOf(Reject.class));
        assertThat(rows(runaway.toString())).hasSize(lines + 1).allSatisfy(row -> assertThat(row).isInstanceOf(Reject.class));
    }

    private long timeToRead(String content) throws Exception {
        PartnerFile file = open(content);
        long started = System.nanoTime();
        try (var rows = file.rows()) {
            assertThat(rows.count()).isPositive();
        }
        return System.nanoTime() - started;
    }

    @Test
    void aLineOrQuotedValueLongerThanOneMebibyteIsRejectedUnreadWithItsBeginningAsRawAndReadingGoesOn() throws Exception {
        String huge = "x".repeat(FileLines.MAX_LINE_BYTES + 1);
        List<ReadRow> rows = rows(HEADER + "\n"
                + "r1," + huge + ",2025-06-14T09:30Z,GP,DAILY\n"              // 2: one line too long
                + "r2,w,2025-06-14T09:30Z,GP,DAILY\n"                         // 3
                + "r3,\"" + huge.substring(10) + "\n" + "x".repeat(20) + "\",2025-06-14T09:30Z,GP,DAILY\n" // 4-5
                + "r4,w,2025-06-14T09:30Z,GP,DAILY\n");                       // 6
        assertThat(rows).extracting(ReadRow::line).containsExactly(2L, 3L, 4L, 6L);
        assertThat(rows.get(0)).isInstanceOfSatisfying(Reject.class, reject -> {
            assertThat(reject.reason()).isEqualTo("a line longer than 1 MiB: not read; raw shows its first 1000 "
                    + "characters");
            assertThat(reject.raw()).isEqualTo("r1," + "x".repeat(997));
        });
        assertThat(rows.get(2)).isInstanceOfSatisfying(Reject.class, reject -> {
            assertThat(reject.reason()).startsWith("a record (lines 4-5) longer than 1 MiB: not read");
            assertThat(reject.raw()).hasSize(1000).startsWith("r3,\"xxx");
        });
        assertThat(rows).filteredOn(SourceRow.class::isInstance)
                .extracting(row -> text(row, Column.RESPONDENT_ID)).containsExactly("r2", "r4");
    }

    @Test
    void anUnclosedQuoteAtTheEndOfTheFileRejectsOnlyItsLine() throws Exception {
        List<ReadRow> rows = rows(HEADER + "\nr1,w,2025-06-14T09:30Z,GP,DAILY\nr2,\"w,x\nr3,w,2025-06-14T09:30Z,GP,DAILY");
        assertThat(rows).extracting(ReadRow::line).containsExactly(2L, 3L, 4L);
        assertThat(rows.get(1)).isInstanceOf(Reject.class);
        assertThat(text(rows.get(2), Column.RESPONDENT_ID)).isEqualTo("r3");
    }

    @Test
    void aWrongNumberOfValuesRejectsTheRow() throws Exception {
        List<ReadRow> rows = rows(HEADER + "\nr1,w,2025-06-14T09:30Z,GP\nr2,w,2025-06-14T09:30Z,GP,DAILY,extra\n");
        assertThat(rows).allSatisfy(row -> assertThat(row).isInstanceOfSatisfying(Reject.class,
                reject -> assertThat(reject.reason()).startsWith("wrong number of values: the header has 5 columns")));
        assertThat(((Reject) rows.get(0)).raw()).isEqualTo("r1,w,2025-06-14T09:30Z,GP");
    }

    @Test
    void blankLinesAreNotRows() throws Exception {
        assertThat(rows(HEADER + "\n\n\n   \n\t\n")).isEmpty();
    }

    @Test
    void fileLinesNumberLinesLikeCommonsCsv() throws Exception {
        List<FileLines.Line> lines = lines("a\r\nb\rc\n\nd");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1).text()).isEqualTo("b");
        assertThat(lines.get(2).text()).isEqualTo("c");
        assertThat(lines.get(3).text()).isEmpty();
        assertThat(lines.get(4).text()).isEqualTo("d");
        assertThat(lines).extracting(FileLines.Line::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(lines).extracting(FileLines.Line::terminator).containsExactly("\r\n", "\r", "\n", "\n", "");
        assertThat(lines("a\n")).hasSize(1);
    }

    private List<FileLines.Line> lines(String content) throws Exception {
        Path file = dir.resolve("lines.csv");
        Files.writeString(file, content);
        List<FileLines.Line> lines = new ArrayList<>();
        try (FileLines reader = FileLines.Source.open(file, ReadOptions.DEFAULT).lines()) {
            for (FileLines.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void filesThatCannotBeReadAreUnusable() {
        assertThatThrownBy(() -> PartnerFile.open(dir.resolve("missing.csv"), warnings::add))
                .isInstanceOf(UnusableFileException.class).hasMessageContaining("no such file");
    }

    static void write(Path path, String content) throws IOException {
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}

package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.Topics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever mix of valid and invalid rows a partner sends, and whichever sends fail:
 * {@code published + rejected = rows}, every valid row is published exactly as it was meant, and
 * every reject points at the right line (another answer at the same instant as an earlier row
 * included).
 */
class IngestionAccountingPropertyTest {

    private static final Instant BASE = Instant.parse("2025-06-10T08:00:00Z");
    private static final Instant STARTED_AT = Instant.parse("2025-06-30T12:00:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final List<String> TOOLS = List.of("ChatGPT", "Nabla", "Posos", "Outil interne");
    private static final List<String> REGIONS =
            List.of("", "Bretagne", "Provence, Alpes; Côte d'Azur", "Nord\nPas-de-Calais", "Le \"Grand\" Est");

    /** What a row is meant to say. */
    record Answer(String respondentId, String wave, int minutes, PracticeType practiceType, PracticeSetting setting,
            UsageFrequency usage, List<UseCase> useCases, List<ToolUsage> tools, String region, boolean givesId) {
    }

    /** How one row is written and whether something is wrong with it. */
    record RowSpec(Answer answer, Defect defect, boolean sendFails, int spelling) {
    }

    enum Defect {
        UNKNOWN_PRACTICE_TYPE("practice_type"), MISSING_RESPONDENT("respondent_id"), BAD_WAVE("wave"),
        BAD_TIMESTAMP("submitted_at"), TOO_FAR_AHEAD("submitted_at"), UNKNOWN_USE_CASE("use_cases"),
        UNKNOWN_TOOL_FREQUENCY("tools"), WRONG_COLUMN_COUNT(""), BROKEN_QUOTE("");

        final String field;

        Defect(String field) {
            this.field = field;
        }
    }

    record Delivery(List<RowSpec> rows, char delimiter, boolean bom, String lineBreak, List<Integer> blankLinesBefore) {
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        Arbitrary<List<RowSpec>> rows = rowSpecs().list().ofMaxSize(25);
        return Combinators.combine(rows, Arbitraries.of(',', ';'), Arbitraries.of(true, false),
                Arbitraries.of("\n", "\r\n"), Arbitraries.integers().between(0, 2).list().ofSize(26))
                .as(Delivery::new);
    }

    private Arbitrary<RowSpec> rowSpecs() {
        Arbitrary<Answer> answers = Combinators.combine(
                Arbitraries.integers().between(1, 999).map(i -> "r" + i),
                Arbitraries.of("2025-06", "W1", "w.2_b"),
                Arbitraries.integers().between(0, 60 * 24 * 10),
                Arbitraries.of(PracticeType.class),
                Arbitraries.of(PracticeSetting.class),
                Arbitraries.of(UsageFrequency.class),
                Arbitraries.of(UseCase.class).set().ofMaxSize(4).map(s -> s.stream().sorted().toList()),
                Combinators.combine(tools(), Arbitraries.of(REGIONS), Arbitraries.of(true, false))
                        .as(Extra::new))
                .as((id, wave, minutes, type, setting, usage, useCases, extra) -> new Answer(id, wave, minutes, type,
                        setting, usage, useCases, extra.tools(), extra.region(), extra.givesId()));
        return Combinators.combine(answers, Arbitraries.of(Defect.class).injectNull(0.6),
                        Arbitraries.frequency(Tuple.of(1, true), Tuple.of(6, false)),
                        Arbitraries.integers().between(0, 3))
                .as(RowSpec::new);
    }

    record Extra(List<ToolUsage> tools, String region, boolean givesId) {
    }

    private Arbitrary<List<ToolUsage>> tools() {
        Arbitrary<UsageFrequency> frequencies = Arbitraries.of(UsageFrequency.class).injectNull(0.3);
        return Arbitraries.of(TOOLS).set().ofMaxSize(3)
                .flatMap(names -> frequencies.list().ofSize(names.size()).map(freqs -> {
                    List<ToolUsage> tools = new ArrayList<>();
                    int i = 0;
                    for (String name : names.stream().sorted().toList()) {
                        tools.add(new ToolUsage(name, freqs.get(i++)));
                    }
                    return tools;
                }));
    }

    @Property(tries = 100)
    void everyRowIsPublishedOrRejectedAndValidRowsArePublishedAsMeant(@ForAll("deliveries") Delivery delivery)
            throws Exception {
        Path dir = Files.createTempDirectory("ingest-property");
        try {
            Rendered rendered = render(delivery);
            Path file = dir.resolve("delivery.csv");
            Files.write(file, rendered.bytes());
            Set<String> failingIds = new HashSet<>();
            List<SurveyResponse> expectedPublished = new ArrayList<>();
            TreeMap<Long, String> expectedRejects = new TreeMap<>();
            Map<String, String> firstAnswers = new HashMap<>(); // respondent, wave, time -> what the first answer says
            for (int i = 0; i < delivery.rows().size(); i++) {
                RowSpec spec = delivery.rows().get(i);
                long line = rendered.lines().get(i);
                SurveyResponse expected = expectedResponse(spec.answer());
                String key = expected.getRespondentId() + "/" + expected.getWaveId() + "/" + expected.getSubmittedAt();
                String content = ResponseIds.fromContent(expected);
                if (spec.defect() != null) {
                    expectedRejects.put(line, spec.defect().field);
                } else if (!firstAnswers.computeIfAbsent(key, k -> content).equals(content)) {
                    expectedRejects.put(line, "submitted_at"); // another answer at the same instant: not a redelivery
                } else if (spec.sendFails()) {
                    failingIds.add(expected.getResponseId());
                    expectedRejects.put(line, "");
                } else {
                    expectedPublished.add(expected);
                }
            }
            RecordingProducer producer = new RecordingProducer("ingest-property",
                    r -> failingIds.contains(r.getResponseId()));
            ResponseValidator validator = ResponseValidator.of(IngestRules.of("acme", PARIS, STARTED_AT));

            FileIngestion.Result result = FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES)
                    .ingest(PartnerFile.open(file, w -> { }));

            IngestSummary summary = result.summary();
            assertThat(summary.rows()).isEqualTo(delivery.rows().size());
            assertThat(summary.published() + summary.rejected()).isEqualTo(summary.rows());
            assertThat(producer.acknowledged()).extracting(ProducerRecord::value)
                    .containsExactlyElementsOf(expectedPublished);
            assertThat(producer.acknowledged()).allSatisfy(record -> assertThat(record.key())
                    .isEqualTo("acme/" + record.value().getRespondentId()));
            assertThat(result.rejects()).extracting(Reject::line).containsExactlyElementsOf(expectedRejects.keySet());
            assertThat(result.rejects()).extracting(Reject::field).containsExactlyElementsOf(expectedRejects.values());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static SurveyResponse expectedResponse(Answer a) {
        Instant submittedAt = BASE.plusSeconds(a.minutes() * 60L);
        SurveyResponse response = SurveyResponse.newBuilder()
                .setResponseId(a.givesId() ? "id-" + a.respondentId() + "-" + a.minutes() : "")
                .setPartnerId("acme")
                .setRespondentId(a.respondentId())
                .setWaveId(a.wave())
                .setSubmittedAt(submittedAt)
                .setPracticeType(a.practiceType())
                .setSpecialty(null)
                .setSetting(a.setting())
                .setRegion(a.region().isEmpty() ? null : a.region())
                .setUsageFrequency(a.usage())
                .setUseCases(a.useCases())
                .setBarriers(List.of())
                .setTools(a.tools())
                .setExpectedFutureUseCases(List.of())
                .build();
        if (!a.givesId()) {
            response.setResponseId(ResponseIds.fromContent(response));
        }
        return response;
    }

    private static final List<Column> HEADER = List.of(Column.SUBMITTED_AT, Column.RESPONDENT_ID, Column.WAVE,
            Column.PRACTICE_TYPE, Column.SETTING, Column.USAGE_FREQUENCY, Column.USE_CASES, Column.TOOLS,
            Column.REGION, Column.RESPONSE_ID);

    record Rendered(byte[] bytes, List<Long> lines) {
    }

    /** Writes the delivery as a partner would, noting the physical line where each row starts. */
    private static Rendered render(Delivery delivery) {
        StringBuilder text = new StringBuilder();
        String lineBreak = delivery.lineBreak();
        char d = delivery.delimiter();
        text.append(HEADER.stream().map(c -> c.headerName().toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(String.valueOf(d)))).append(lineBreak);
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < delivery.rows().size(); i++) {
            text.append(lineBreak.repeat(delivery.blankLinesBefore().get(i)));
            lines.add(physicalLines(text) + 1);
            text.append(renderRow(delivery.rows().get(i), d)).append(lineBreak);
        }
        String content = text.toString();
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        if (!delivery.bom()) {
            return new Rendered(body, lines);
        }
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        return new Rendered(withBom, lines);
    }

    private static long physicalLines(CharSequence text) {
        return text.chars().filter(c -> c == '\n').count();
    }

    private static String renderRow(RowSpec spec, char delimiter) {
        Answer a = spec.answer();
        Defect defect = spec.defect();
        int s = spec.spelling();
        Instant submittedAt = BASE.plusSeconds(a.minutes() * 60L);
        List<String> values = new ArrayList<>();
        values.add(switch (defect == null ? Defect.MISSING_RESPONDENT : defect) {
            case BAD_TIMESTAMP -> "yesterday";
            case TOO_FAR_AHEAD -> STARTED_AT.plusSeconds(25 * 3600).toString();
            default -> timestamp(submittedAt, s);
        });
        values.add(defect == Defect.MISSING_RESPONDENT ? " " : pad(a.respondentId(), s));
        values.add(defect == Defect.BAD_WAVE ? "wave " + a.wave() : a.wave());
        values.add(defect == Defect.UNKNOWN_PRACTICE_TYPE ? "Dentist" : spell(a.practiceType(), s));
        values.add(a.setting() == PracticeSetting.OTHER && s % 2 == 0 ? "" : spell(a.setting(), s));
        values.add(spell(a.usage(), s + 1));
        List<String> useCases = new ArrayList<>(a.useCases().stream().map(u -> spell(u, s)).toList());
        if (!useCases.isEmpty() && s == 3) {
            useCases.add(useCases.get(0).toLowerCase(Locale.ROOT)); // repeated: counts once
            useCases.add(1, "");                                    // empty item: ignored
        }
        if (defect == Defect.UNKNOWN_USE_CASE) {
            useCases.add("astrology");
        }
        values.add(String.join("|", useCases));
        List<String> tools = new ArrayList<>(a.tools().stream()
                .map(t -> t.getFrequency() == null ? t.getTool() : t.getTool() + ":" + spell(t.getFrequency(), s))
                .toList());
        if (defect == Defect.UNKNOWN_TOOL_FREQUENCY) {
            tools.add("Nabla:often");
        }
        values.add(String.join("|", tools));
        values.add(defect == Defect.BROKEN_QUOTE || defect == Defect.WRONG_COLUMN_COUNT ? "Bretagne" : a.region());
        values.add(a.givesId() ? "id-" + a.respondentId() + "-" + a.minutes() : "");
        if (defect == Defect.WRONG_COLUMN_COUNT) {
            values.remove(values.size() - 1);
        }
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (defect == Defect.BROKEN_QUOTE) {
                cells.add(i == 2 ? "\"" + value : value); // a quote that never closes
            } else {
                cells.add(quoteIfNeeded(value, delimiter, s == 2));
            }
        }
        return String.join(String.valueOf(delimiter), cells);
    }

    private static String quoteIfNeeded(String value, char delimiter, boolean always) {
        boolean needed = value.indexOf(delimiter) >= 0 || value.contains("\"") || value.contains("\n")
                || value.contains("\r");
        return needed || always ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String pad(String value, int spelling) {
        return spelling == 1 ? "  " + value + "\t" : value;
    }

    private static String timestamp(Instant instant, int spelling) {
        return switch (spelling) {
            case 0 -> instant.toString();
            case 1 -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX").format(instant.atOffset(ZoneOffset.ofHours(2)));
            case 2 -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(instant.atZone(PARIS));
            default -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(instant.atZone(PARIS));
        };
    }

    private static String spell(Enum<?> symbol, int spelling) {
        if (symbol == PracticeType.GENERAL_PRACTITIONER && spelling >= 2) {
            return spelling == 2 ? "généraliste" : "MG";
        }
        if (symbol == PracticeType.SPECIALIST && spelling == 2) {
            return "Spécialiste";
        }
        return switch (spelling) {
            case 0 -> symbol.name();
            case 1 -> symbol.name().toLowerCase(Locale.ROOT);
            case 2 -> symbol.name().replace('_', ' ');
            default -> symbol.name().replace('_', '-').toLowerCase(Locale.ROOT);
        };
    }

}

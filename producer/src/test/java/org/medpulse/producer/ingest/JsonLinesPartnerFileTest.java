package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

class JsonLinesPartnerFileTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final ResponseValidator validator = ResponseValidator.of(Rows.RULES);

    private List<ReadRow> rows(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        PartnerFile partnerFile = PartnerFile.open(file, warnings::add);
        assertThat(partnerFile).isInstanceOf(JsonLinesPartnerFile.class);
        try (var rows = partnerFile.rows()) {
            return rows.toList();
        }
    }

    private SurveyResponse valid(ReadRow row) {
        assertThat(row).isInstanceOf(SourceRow.class);
        RowOutcome outcome = validator.validate((SourceRow) row);
        assertThat(outcome).isInstanceOf(ValidRow.class);
        return ((ValidRow) outcome).response();
    }

    private static final String BASE = "\"respondent_id\":\"r1\",\"wave\":\"2025-06\",\"submitted_at\":\"2025-06-14T09:30:00Z\","
            + "\"practice_type\":\"Spécialiste\",\"usage_frequency\":\"daily\"";

    @ParameterizedTest
    @ValueSource(strings = {"delivery.jsonl", "delivery.ndjson", "DELIVERY.JSONL"})
    void jsonLinesFilesAreRecognisedByTheirExtension(String name) throws Exception {
        assertThat(rows(name, "{" + BASE + "}\n")).hasSize(1);
    }

    @Test
    void listsMayBeArraysOrPipeSeparatedStringsAndToolsMayBeObjects() throws Exception {
        List<ReadRow> rows = rows("d.jsonl", String.join("\n",
                "{" + BASE + ",\"use_cases\":[\"diagnosis\",\"\",\"DIAGNOSIS\",\"administrative documentation\"],"
                        + "\"future_use_cases\":\"care adaptation||patient follow-up\","
                        + "\"tools\":[{\"tool\":\"ChatGPT\",\"frequency\":\"WEEKLY\"},\"Nabla:DAILY\","
                        + "{\"tool\":\"Outil: v2\"},{\"tool\":\"chat gpt\",\"frequency\":\"daily\"}]}",
                "{" + BASE + ",\"tools\":\"ChatGPT:DAILY|Posos\",\"barriers\":[]}"));
        SurveyResponse first = valid(rows.get(0));
        assertThat(first.getUseCases()).containsExactly(UseCase.DIAGNOSIS, UseCase.ADMINISTRATIVE_DOCUMENTATION);
        assertThat(first.getExpectedFutureUseCases()).containsExactly(UseCase.CARE_ADAPTATION, UseCase.PATIENT_FOLLOW_UP);
        assertThat(first.getTools()).containsExactly(
                new ToolUsage("ChatGPT", UsageFrequency.DAILY),
                new ToolUsage("Nabla", UsageFrequency.DAILY),
                new ToolUsage("Outil: v2", null));
        SurveyResponse second = valid(rows.get(1));
        assertThat(second.getTools()).containsExactly(new ToolUsage("ChatGPT", UsageFrequency.DAILY),
                new ToolUsage("Posos", null));
        assertThat(second.getBarriers()).isEmpty();
    }

    @Test
    void fieldNamesAreCaseInsensitiveScalarsMayBeNumbersAndNullIsEmpty() throws Exception {
        List<ReadRow> rows = rows("d.jsonl", "{\"Respondent_ID\":12345,\"WAVE\":\"w\",\"submitted_at\":\"2025-06-14T09:30Z\","
                + "\"practice_type\":\"GP\",\"usage_frequency\":\"NEVER\",\"region\":null,\"tools\":null}\n");
        SurveyResponse response = valid(rows.get(0));
        assertThat(response.getRespondentId()).isEqualTo("12345");
        assertThat(response.getRegion()).isNull();
        assertThat(response.getTools()).isEmpty();
    }

    @Test
    void marketDriversAreAskedWhenTheFieldIsThereEvenEmptyAndNotAskedWhenItIsMissingOrNull() throws Exception {
        List<ReadRow> rows = rows("d.jsonl", String.join("\n",
                "{" + BASE + ",\"market_drivers\":[\"manque de temps médical disponible\",\"PATIENT_DEMAND\",\"patient demand\"]}",
                "{" + BASE + ",\"Market_Drivers\":\"tâches répétitives|\"}",
                "{" + BASE + ",\"market_drivers\":[]}",
                "{" + BASE + ",\"market_drivers\":\"\"}",
                "{" + BASE + ",\"market_drivers\":null}",
                "{" + BASE + "}",
                "{" + BASE + ",\"market_drivers\":[\"LACK_OF_MEDICAL_TIME\",\"blockchain\"]}",
                "{" + BASE + ",\"market_drivers\":{\"PATIENT_DEMAND\":true}}"));
        assertThat(valid(rows.get(0)).getMarketDrivers())
                .containsExactly(MarketDriver.LACK_OF_MEDICAL_TIME, MarketDriver.PATIENT_DEMAND);
        assertThat(valid(rows.get(1)).getMarketDrivers()).containsExactly(MarketDriver.REPETITIVE_TASKS);
        assertThat(valid(rows.get(2)).getMarketDrivers()).isEmpty();
        assertThat(valid(rows.get(3)).getMarketDrivers()).isEmpty();
        assertThat(valid(rows.get(4)).getMarketDrivers()).isNull();
        assertThat(valid(rows.get(5)).getMarketDrivers()).isNull();
        assertThat(validator.validate((SourceRow) rows.get(6))).isInstanceOfSatisfying(Reject.class, reject -> {
            assertThat(reject.field()).isEqualTo("market_drivers");
            assertThat(reject.reason()).startsWith("unknown market driver 'blockchain'; expected one of");
        });
        assertThat(rows.get(7)).isInstanceOfSatisfying(Reject.class, reject -> {
            assertThat(reject.field()).isEqualTo("market_drivers");
            assertThat(reject.reason()).isEqualTo("expected a string or an array, found an object");
        });
    }

    @Test
    void linesThatAreNotJsonObjectsAreRejectedAndReadingGoesOn() throws Exception {
        List<ReadRow> rows = rows("d.jsonl", String.join("\n",
                "{" + BASE + "}",                 // 1
                "",                               // 2 blank: skipped
                "{" + BASE + ",}",                // 3 trailing comma
                "[1,2]",                          // 4
                "{" + BASE + "} {\"x\":1}",       // 5 two values
                "   ",                            // 6 blank
                "{" + BASE + ",\"wave\":\"w2\"}", // 7 duplicate key
                "{" + BASE + "}"));               // 8
        assertThat(rows).extracting(ReadRow::line).containsExactly(1L, 3L, 4L, 5L, 7L, 8L);
        assertThat(rows.get(1)).isInstanceOfSatisfying(Reject.class, r -> {
            assertThat(r.field()).isEmpty();
            assertThat(r.reason()).startsWith("not valid JSON");
            assertThat(r.raw()).isEqualTo("{" + BASE + ",}");
        });
        assertThat(rows.get(2)).isInstanceOfSatisfying(Reject.class,
                r -> assertThat(r.reason()).isEqualTo("expected a JSON object, found an array"));
        assertThat(rows.get(3)).isInstanceOf(Reject.class);
        assertThat(rows.get(4)).isInstanceOf(Reject.class);
        valid(rows.get(5));
    }

    @Test
    void valuesOfTheWrongShapeRejectTheRowNamingTheField() throws Exception {
        List<ReadRow> rows = rows("d.jsonl", String.join("\n",
                "{" + BASE + ",\"region\":[\"a\"]}",
                "{" + BASE + ",\"use_cases\":{\"a\":1}}",
                "{" + BASE + ",\"barriers\":[[\"COST\"]]}",
                "{" + BASE + ",\"tools\":[{\"frequency\":\"DAILY\"}]}",
                "{" + BASE + ",\"tools\":[{\"tool\":\"ChatGPT\",\"since\":\"2024\"}]}"));
        assertThat(rows).allSatisfy(row -> assertThat(row).isInstanceOf(Reject.class));
        assertThat(rows).extracting(row -> ((Reject) row).field())
                .containsExactly("region", "use_cases", "barriers", "tools", "tools");
    }

    @Test
    void unknownFieldsAreWarnedAboutOnceEach() throws Exception {
        List<ReadRow> rows = rows("d.jsonl", String.join("\n",
                "{" + BASE + ",\"notes\":\"x\"}",
                "{" + BASE + ",\"notes\":\"y\",\"source\":1}"));
        assertThat(rows).hasSize(2);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("ignoring unknown field 'notes' (first seen on line 1)");
        assertThat(warnings.get(1)).contains("'source'");
    }
}

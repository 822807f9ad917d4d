package org.medpulse.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

class ResponseValidatorTest {

    private final ResponseValidator validator = ResponseValidator.of(Rows.RULES);

    private SurveyResponse accepted(Map<Column, String> row) {
        RowOutcome outcome = validator.validate(Rows.sourceRow(row));
        assertThat(outcome).as("outcome of %s", row).isInstanceOf(ValidRow.class);
        return ((ValidRow) outcome).response();
    }

    private Reject rejected(Map<Column, String> row) {
        RowOutcome outcome = validator.validate(Rows.sourceRow(row));
        assertThat(outcome).as("outcome of %s", row).isInstanceOf(Reject.class);
        return (Reject) outcome;
    }

    @Test
    void aCompleteRowBecomesTheResponseItDescribes() {
        SurveyResponse response = accepted(Rows.valid());
        assertThat(response.getPartnerId()).isEqualTo("acme");
        assertThat(response.getRespondentId()).isEqualTo("r-001");
        assertThat(response.getWaveId()).isEqualTo("2025-06");
        assertThat(response.getSubmittedAt()).isEqualTo(Instant.parse("2025-06-14T07:30:00Z"));
        assertThat(response.getPracticeType()).isEqualTo(PracticeType.GENERAL_PRACTITIONER);
        assertThat(response.getSpecialty()).isNull();
        assertThat(response.getSetting()).isEqualTo(PracticeSetting.PRIVATE_PRACTICE);
        assertThat(response.getRegion()).isEqualTo("Bretagne");
        assertThat(response.getUsageFrequency()).isEqualTo(UsageFrequency.WEEKLY);
        assertThat(response.getUseCases()).containsExactly(UseCase.ADMINISTRATIVE_DOCUMENTATION);
        assertThat(response.getBarriers()).containsExactly(Barrier.COST);
        assertThat(response.getExpectedFutureUseCases()).containsExactly(UseCase.DIAGNOSIS);
        assertThat(response.getTools()).containsExactly(new ToolUsage("ChatGPT", UsageFrequency.WEEKLY));
    }

    @Test
    void everyValueIsTrimmedAndWhitespaceOnlyIsEmpty() {
        Map<Column, String> row = Rows.valid();
        row.replaceAll((column, value) -> " \t" + value + "\u00a0 ");
        row.put(Column.SPECIALTY, "   ");
        row.put(Column.REGION, "\u00a0");
        SurveyResponse response = accepted(row);
        assertThat(response.getRespondentId()).isEqualTo("r-001");
        assertThat(response.getWaveId()).isEqualTo("2025-06");
        assertThat(response.getSpecialty()).isNull();
        assertThat(response.getRegion()).isNull();
        assertThat(response.getTools()).containsExactly(new ToolUsage("ChatGPT", UsageFrequency.WEEKLY));
    }

    static Stream<Arguments> requiredColumns() {
        return Stream.of(Column.values()).filter(Column::required).flatMap(c -> Stream.of(
                Arguments.of(c, ""), Arguments.of(c, "   "), Arguments.of(c, null)));
    }

    @ParameterizedTest(name = "{0} = [{1}] is rejected as missing")
    @MethodSource("requiredColumns")
    void aRequiredValueMustBePresent(Column column, String value) {
        Map<Column, String> row = Rows.valid();
        if (value == null) {
            row.remove(column);
        } else {
            row.put(column, value);
        }
        Reject reject = rejected(row);
        assertThat(reject.field()).isEqualTo(column.headerName());
        assertThat(reject.reason()).isEqualTo("required value is missing");
        assertThat(reject.line()).isEqualTo(2);
        assertThat(reject.raw()).isEqualTo("raw");
    }

    @Test
    void respondentIdsAreLimitedTo128CodePoints() {
        String emoji = "\uD83E\uDE7A"; // a stethoscope: one code point, two chars
        assertThat(accepted(Rows.validWith(Column.RESPONDENT_ID, emoji.repeat(128))).getRespondentId())
                .hasSize(256);
        Reject reject = rejected(Rows.validWith(Column.RESPONDENT_ID, "x".repeat(129)));
        assertThat(reject.field()).isEqualTo("respondent_id");
        assertThat(reject.reason()).contains("129", "at most 128");
    }

    @ParameterizedTest(name = "wave [{0}] accepted={1}")
    @CsvSource(delimiter = '|', value = {
            "2025-06 | true",
            "W1 | true",
            "wave_2.b-c | true",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | true",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false",
            "2025/06 | false",
            "vague été | false",
            "a b | false",
            "2025:06 | false",
    })
    void wavesAreShortIdentifiers(String wave, boolean accepted) {
        Map<Column, String> row = Rows.validWith(Column.WAVE, wave);
        if (accepted) {
            assertThat(accepted(row).getWaveId()).isEqualTo(wave);
        } else {
            Reject reject = rejected(row);
            assertThat(reject.field()).isEqualTo("wave");
            assertThat(reject.reason()).contains("'" + wave + "'");
        }
    }

    @ParameterizedTest(name = "[{0}] in {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "2025-06-14T09:30:00Z | Europe/Paris | 2025-06-14T09:30:00Z",
            "2025-06-14T09:30Z | Europe/Paris | 2025-06-14T09:30:00Z",
            "2025-06-14T09:30:00+02:00 | UTC | 2025-06-14T07:30:00Z",
            "2025-06-14T09:30:00-05:30 | UTC | 2025-06-14T15:00:00Z",
            "2025-06-14 09:30:00+02:00 | UTC | 2025-06-14T07:30:00Z",
            "2025-06-14 09:30 | UTC | 2025-06-14T09:30:00Z",
            "2025-06-14T09:30:00.123Z | UTC | 2025-06-14T09:30:00.123Z",
            "2025-06-14T09:30:00.1Z | UTC | 2025-06-14T09:30:00.100Z",
            "2025-06-14T09:30:00.123999999Z | UTC | 2025-06-14T09:30:00.123Z",
            "2025-06-14T09:30:00 | Europe/Paris | 2025-06-14T07:30:00Z",
            "2025-01-14T09:30:00 | Europe/Paris | 2025-01-14T08:30:00Z",
            "2025-01-14T09:30:00 | America/New_York | 2025-01-14T14:30:00Z",
            // Spring forward in Paris: 02:00-03:00 does not exist; 02:30 moves forward an hour, to 03:30+02:00.
            "2025-03-30T02:30:00 | Europe/Paris | 2025-03-30T01:30:00Z",
            // Fall back in Paris: 02:30 happens twice; the earlier offset (+02:00) is taken.
            "2025-10-26T02:30:00 | Europe/Paris | 2025-10-26T00:30:00Z",
            "2025-10-26T02:30:00+01:00 | Europe/Paris | 2025-10-26T01:30:00Z",
    })
    void timestampsAreReadInEveryAcceptedForm(String text, String zone, String expected) {
        ResponseValidator inZone = ResponseValidator.of(IngestRules.of("acme", ZoneId.of(zone), Rows.STARTED_AT));
        RowOutcome outcome = inZone.validate(Rows.sourceRow(Rows.validWith(Column.SUBMITTED_AT, text)));
        assertThat(outcome).isInstanceOf(ValidRow.class);
        assertThat(((ValidRow) outcome).response().getSubmittedAt()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{0}] is refused")
    @CsvSource(delimiter = '|', value = {
            "2025-06-14",
            "14/06/2025 09:30",
            "2025-06-14T09",
            "2025-6-14T09:30:00Z",
            "2025-06-14T9:30:00Z",
            "2025-06-14T09:30:00+2:00",
            "2025-06-14T09:30:00+0200",
            "2025-06-14T09:30:00z",
            "2025-06-14t09:30:00Z",
            "2025-06-14T09:30:00.Z",
            "2025-06-14T09:30:00.1234567890Z",
            "2025-06-14T09:30:00Z[Europe/Paris]",
            "2025-06-14  09:30:00Z",
            "2025-02-30T09:30:00Z",
            "2025-06-14T24:00:00Z",
            "2025-06-14T09:60:00Z",
            "2025-06-14T09:30:00+19:00",
            "1718350200",
    })
    void malformedTimestampsAreRejectedNamingThem(String text) {
        Reject reject = rejected(Rows.validWith(Column.SUBMITTED_AT, text));
        assertThat(reject.field()).isEqualTo("submitted_at");
        assertThat(reject.reason()).contains("'" + text + "'");
    }

    @Test
    void submissionsUpToExactly24HoursAfterTheStartAreAccepted() {
        Instant limit = Rows.STARTED_AT.plusSeconds(24 * 3600);
        assertThat(accepted(Rows.validWith(Column.SUBMITTED_AT, limit.toString())).getSubmittedAt()).isEqualTo(limit);
        Reject reject = rejected(Rows.validWith(Column.SUBMITTED_AT, limit.plusMillis(1).toString()));
        assertThat(reject.field()).isEqualTo("submitted_at");
        assertThat(reject.reason()).contains("more than 24 h");
        assertThat(accepted(Rows.validWith(Column.SUBMITTED_AT, "1990-01-01T00:00:00Z")).getSubmittedAt())
                .isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "practice_type [{0}] = {1}")
    @CsvSource(delimiter = '|', value = {
            "GENERAL_PRACTITIONER | GENERAL_PRACTITIONER",
            "general practitioner | GENERAL_PRACTITIONER",
            "General-Practitioner | GENERAL_PRACTITIONER",
            "GP | GENERAL_PRACTITIONER",
            "gp | GENERAL_PRACTITIONER",
            "MG | GENERAL_PRACTITIONER",
            "mg | GENERAL_PRACTITIONER",
            "généraliste | GENERAL_PRACTITIONER",
            "Généraliste | GENERAL_PRACTITIONER",
            "GÉNÉRALISTE | GENERAL_PRACTITIONER",
            "generaliste | GENERAL_PRACTITIONER",
            "GENERALISTE | GENERAL_PRACTITIONER",
            "SPECIALIST | SPECIALIST",
            "specialist | SPECIALIST",
            "spécialiste | SPECIALIST",
            "Spécialiste | SPECIALIST",
            "SPECIALISTE | SPECIALIST",
            "specialiste | SPECIALIST",
            "OTHER | OTHER",
            "Other | OTHER",
    })
    void practiceTypesAndTheirAliasesMatch(String text, PracticeType expected) {
        assertThat(accepted(Rows.validWith(Column.PRACTICE_TYPE, text)).getPracticeType()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "setting [{0}] = {1}")
    @CsvSource(delimiter = '|', value = {
            "HOSPITAL | HOSPITAL",
            "hôpital | ",
            "hospital | HOSPITAL",
            "Private practice | PRIVATE_PRACTICE",
            "private-practice | PRIVATE_PRACTICE",
            "PRIVATE_PRACTICE | PRIVATE_PRACTICE",
            "mixed | MIXED",
            "OTHER | OTHER",
            "'' | OTHER",
    })
    void settingsMatchAndDefaultToOtherOnlyWhenEmpty(String text, PracticeSetting expected) {
        Map<Column, String> row = Rows.validWith(Column.SETTING, text);
        if (expected == null) {
            Reject reject = rejected(row);
            assertThat(reject.field()).isEqualTo("setting");
            assertThat(reject.reason()).contains("unknown setting '" + text + "'");
        } else {
            assertThat(accepted(row).getSetting()).isEqualTo(expected);
        }
    }

    static Stream<Arguments> everyFrequencySpelling() {
        return Stream.of(UsageFrequency.values()).flatMap(f -> Stream.of(
                Arguments.of(f.name(), f),
                Arguments.of(f.name().toLowerCase(), f),
                Arguments.of(f.name().replace('_', ' '), f),
                Arguments.of(f.name().replace('_', '-').toLowerCase(), f)));
    }

    @ParameterizedTest(name = "usage_frequency [{0}] = {1}")
    @MethodSource("everyFrequencySpelling")
    void everyUsageFrequencyMatchesInAnyCaseWithSpacesOrHyphens(String text, UsageFrequency expected) {
        assertThat(accepted(Rows.validWith(Column.USAGE_FREQUENCY, text)).getUsageFrequency()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = [{1}] is unknown")
    @CsvSource(delimiter = '#', value = {
            "practice_type # Dentist",
            "practice_type # G P",
            "setting # Clinic",
            "usage_frequency # sometimes",
            "usage_frequency # NEVER!",
            "use_cases # ADMINISTRATIVE_DOCUMENTATION|astrology",
            "barriers # COST|too expensive",
            "future_use_cases # teleportation",
            "tools # ChatGPT:often",
            "market_drivers # LACK_OF_MEDICAL_TIME|blockchain",
    })
    void unknownSymbolsRejectTheRowNamingTheValueAndAreNeverMappedToOther(String header, String text) {
        Column column = Column.byHeaderName(header).orElseThrow();
        Reject reject = rejected(Rows.validWith(column, text));
        assertThat(reject.field()).isEqualTo(header);
        String unknown = text.contains("|") ? text.substring(text.lastIndexOf('|') + 1)
                : text.contains(":") ? text.substring(text.lastIndexOf(':') + 1) : text;
        assertThat(reject.reason()).contains("'" + unknown + "'").contains("expected one of");
    }

    @Test
    void unknownPracticeTypeMessageListsSymbolsAndAliases() {
        assertThat(rejected(Rows.validWith(Column.PRACTICE_TYPE, "Dentist")).reason()).isEqualTo(
                "unknown practice type 'Dentist'; expected one of GENERAL_PRACTITIONER, SPECIALIST, OTHER "
                        + "(or GP, MG, généraliste, spécialiste)");
    }

    @ParameterizedTest(name = "use_cases [{0}]")
    @CsvSource(delimiter = '#', value = {
            "ADMINISTRATIVE_DOCUMENTATION|DIAGNOSIS # ADMINISTRATIVE_DOCUMENTATION,DIAGNOSIS",
            "diagnosis||administrative documentation # DIAGNOSIS,ADMINISTRATIVE_DOCUMENTATION",
            "DIAGNOSIS|diagnosis| Diagnosis  # DIAGNOSIS",
            "|  |   # ''",
            "'' # ''",
            " patient-follow-up | care adaptation # PATIENT_FOLLOW_UP,CARE_ADAPTATION",
    })
    void listsIgnoreEmptyItemsAndCountRepeatsOnce(String text, String expected) {
        List<UseCase> expectedCases = expected.isEmpty() ? List.of()
                : Stream.of(expected.split(",")).map(UseCase::valueOf).toList();
        SurveyResponse response = accepted(Map.of(
                Column.RESPONDENT_ID, "r", Column.WAVE, "w", Column.SUBMITTED_AT, "2025-06-14T09:30:00Z",
                Column.PRACTICE_TYPE, "GP", Column.USAGE_FREQUENCY, "DAILY",
                Column.USE_CASES, text, Column.FUTURE_USE_CASES, text));
        assertThat(response.getUseCases()).containsExactlyElementsOf(expectedCases);
        assertThat(response.getExpectedFutureUseCases()).containsExactlyElementsOf(expectedCases);
    }

    @Test
    void everyBarrierMatchesCaseAndAccentInsensitively() {
        for (Barrier barrier : Barrier.values()) {
            String spelled = barrier.name().toLowerCase().replace('_', ' ').replace("e", "é");
            assertThat(accepted(Rows.validWith(Column.BARRIERS, spelled + "|" + barrier.name())).getBarriers())
                    .containsExactly(barrier);
        }
    }

    @ParameterizedTest(name = "tools [{0}]")
    @CsvSource(delimiter = '#', value = {
            "ChatGPT:DAILY|Nabla # ChatGPT:DAILY,Nabla:",
            "Outil: v2:WEEKLY # Outil: v2:WEEKLY",
            "ChatGPT:weekly|ChatGPT:DAILY # ChatGPT:DAILY",
            "ChatGPT:DAILY|ChatGPT:weekly # ChatGPT:DAILY",
            "ChatGPT|ChatGPT:MONTHLY # ChatGPT:MONTHLY",
            "ChatGPT:MONTHLY|ChatGPT # ChatGPT:MONTHLY",
            "Chat GPT:WEEKLY|chatgpt-4o:SEVERAL_TIMES_A_DAY # Chat GPT:SEVERAL_TIMES_A_DAY",
            " Nabla : several times a week || Posos # Nabla:SEVERAL_TIMES_A_WEEK,Posos:",
            "ChatGPT: # ChatGPT:",
            "Outil interne|outil-interne:DAILY # Outil interne:DAILY",
            "'' # ''",
    })
    void toolEntriesSplitAtTheLastColonAndATwiceListedToolKeepsItsMostFrequentFrequency(String text, String expected) {
        List<ToolUsage> expectedTools = expected.isEmpty() ? List.of() : Stream.of(expected.split(",")).map(e -> {
            int colon = e.lastIndexOf(':');
            String frequency = e.substring(colon + 1);
            return new ToolUsage(e.substring(0, colon), frequency.isEmpty() ? null : UsageFrequency.valueOf(frequency));
        }).toList();
        assertThat(accepted(Rows.validWith(Column.TOOLS, text)).getTools()).containsExactlyElementsOf(expectedTools);
    }

    @ParameterizedTest(name = "tools [{0}] is refused")
    @CsvSource(delimiter = '#', value = {
            ":DAILY # ':DAILY' has no tool name",
            "ChatGPT|: # ':' has no tool name",
            "ChatGPT:often # unknown usage frequency 'often' for tool 'ChatGPT'",
            "Outil: v2 # unknown usage frequency 'v2' for tool 'Outil'",
    })
    void badToolEntriesAreRejected(String text, String reason) {
        Reject reject = rejected(Rows.validWith(Column.TOOLS, text));
        assertThat(reject.field()).isEqualTo("tools");
        assertThat(reject.reason()).contains(reason);
    }

    @Test
    void aGivenResponseIdIsKeptAndAnEmptyOneIsDerivedStably() {
        assertThat(accepted(Rows.validWith(Column.RESPONSE_ID, " resp-42 ")).getResponseId()).isEqualTo("resp-42");
        SurveyResponse response = accepted(Rows.valid());
        String derived = response.getResponseId();
        assertThat(derived)
                .isEqualTo(ResponseIds.fromContent(response))
                // The id must not depend on the machine or the run: pinned once, it never changes.
                .isEqualTo("3eb02488-757f-56a6-ac1b-7cdabfefc509");
        Map<Column, String> sameInstantOtherForm = Rows.validWith(Column.SUBMITTED_AT, "2025-06-14 07:30:00.000Z");
        assertThat(accepted(sameInstantOtherForm).getResponseId()).isEqualTo(derived);
        assertThat(accepted(Rows.validWith(Column.RESPONDENT_ID, "r-002")).getResponseId()).isNotEqualTo(derived);
    }

    @Test
    void aDerivedIdDependsOnTheAnswersSoThatACorrectionInTheSameMinuteIsNotARedelivery() {
        String original = accepted(Rows.valid()).getResponseId();
        assertThat(accepted(Rows.validWith(Column.USAGE_FREQUENCY, "DAILY")).getResponseId()).isNotEqualTo(original);
        assertThat(accepted(Rows.validWith(Column.REGION, "Normandie")).getResponseId()).isNotEqualTo(original);
        assertThat(accepted(Rows.validWith(Column.TOOLS, "ChatGPT:DAILY")).getResponseId()).isNotEqualTo(original);
        assertThat(accepted(Rows.validWith(Column.TOOLS, "ChatGPT:WEEKLY|Nabla")).getResponseId()).isNotEqualTo(original);
        // The same answers in other spellings are the same response.
        assertThat(accepted(Rows.validWith(Column.USAGE_FREQUENCY, " weekly ")).getResponseId()).isEqualTo(original);
    }

    @Test
    void theSimulatorsDerivationFromPartnerRespondentWaveAndTimeIsUnchanged() {
        assertThat(ResponseIds.derive("acme", "r-001", "2025-06", Instant.parse("2025-06-14T07:30:00Z")))
                .isEqualTo("42e81919-2951-596a-83af-caef94a8019c");
    }

    @Test
    void withoutAMarketDriversValueTheRespondentWasNotAskedAndWithAnEmptyOneAskedNoneNamed() {
        assertThat(Rows.valid()).doesNotContainKey(Column.MARKET_DRIVERS);
        assertThat(accepted(Rows.valid()).getMarketDrivers()).as("no column: not asked").isNull();
        assertThat(accepted(Rows.validWith(Column.MARKET_DRIVERS, "")).getMarketDrivers()).as("empty: asked, none").isEmpty();
        assertThat(accepted(Rows.validWith(Column.MARKET_DRIVERS, " | ")).getMarketDrivers()).isEmpty();
    }

    @ParameterizedTest(name = "market_drivers [{0}]")
    @CsvSource(delimiter = '#', value = {
            "LACK_OF_MEDICAL_TIME|PATIENT_DEMAND # LACK_OF_MEDICAL_TIME,PATIENT_DEMAND",
            "manque de temps médical disponible # LACK_OF_MEDICAL_TIME",
            "Manque de temps medical # LACK_OF_MEDICAL_TIME",
            "absence de droit à l'erreur|no right to error # NO_RIGHT_TO_ERROR",
            "multiplicité des tâches répétitives et chronophages # REPETITIVE_TASKS",
            "taches repetitives|Volume de connaissances # REPETITIVE_TASKS,KNOWLEDGE_VOLUME",
            "activité requérant un volume important de connaissances # KNOWLEDGE_VOLUME",
            "essor de la médecine personnalisée et prédictive|médecine personnalisée # PERSONALISED_MEDICINE",
            "transformation des cursus universitaires # CURRICULUM_CHANGE",
            "ÉVOLUTION DES POLITIQUES RÉGLEMENTAIRES # REGULATORY_CHANGE",
            "demande croissante des patients|demande des patients|patient demand # PATIENT_DEMAND",
            "other # OTHER",
    })
    void marketDriversMatchTheirSymbolsAndTheStudysFrenchLabelsAndCountOnce(String text, String expected) {
        List<MarketDriver> drivers = Stream.of(expected.split(",")).map(MarketDriver::valueOf).toList();
        assertThat(accepted(Rows.validWith(Column.MARKET_DRIVERS, text)).getMarketDrivers())
                .containsExactlyElementsOf(drivers);
    }

    @Test
    void anUnknownMarketDriverRejectsTheRowNamingItAndWhatIsAccepted() {
        Reject reject = rejected(Rows.validWith(Column.MARKET_DRIVERS, "PATIENT_DEMAND|pression des assureurs"));
        assertThat(reject.field()).isEqualTo("market_drivers");
        assertThat(reject.reason()).startsWith("unknown market driver 'pression des assureurs'; expected one of "
                        + "LACK_OF_MEDICAL_TIME, NO_RIGHT_TO_ERROR, REPETITIVE_TASKS, KNOWLEDGE_VOLUME, "
                        + "PERSONALISED_MEDICINE, CURRICULUM_CHANGE, REGULATORY_CHANGE, PATIENT_DEMAND, OTHER")
                .contains("manque de temps médical disponible");
    }

    @Test
    void aDerivedIdIncludesTheDriversWhenAskedAndIsUnchangedWhenNot() {
        SurveyResponse notAsked = accepted(Rows.valid());
        // The id pinned before schema v2 (above): an answer without drivers keeps it.
        assertThat(notAsked.getResponseId()).isEqualTo("3eb02488-757f-56a6-ac1b-7cdabfefc509");
        SurveyResponse askedNone = accepted(Rows.validWith(Column.MARKET_DRIVERS, ""));
        SurveyResponse naming = accepted(Rows.validWith(Column.MARKET_DRIVERS, "PATIENT_DEMAND"));
        SurveyResponse namingMore = accepted(Rows.validWith(Column.MARKET_DRIVERS, "PATIENT_DEMAND|REPETITIVE_TASKS"));
        // A correction that only adds drivers is another response, not a redelivery.
        assertThat(List.of(notAsked.getResponseId(), askedNone.getResponseId(), naming.getResponseId(),
                namingMore.getResponseId())).doesNotHaveDuplicates();
        assertThat(accepted(Rows.validWith(Column.MARKET_DRIVERS, "demande croissante des patients")).getResponseId())
                .as("the same driver in another spelling").isEqualTo(naming.getResponseId());
        assertThat(naming.getResponseId()).isEqualTo(ResponseIds.fromContent(naming))
                // Pinned once, like the id without drivers: it must never change.
                .isEqualTo("9b6e411a-1a03-589e-bfea-75e6c78d06cd");
    }

    @Test
    void marketDriversAreCheckedAfterEveryOtherColumn() {
        Map<Column, String> row = Rows.validWith(Column.MARKET_DRIVERS, "nonsense");
        row.put(Column.TOOLS, "ChatGPT:often");
        assertThat(rejected(row).field()).isEqualTo("tools");
    }

    @Test
    void freeTextColumnsKeepTheirTrimmedText() {
        Map<Column, String> row = Rows.validWith(Column.SPECIALTY, "  Cardiologie pédiatrique ");
        row.put(Column.REGION, "Île-de-France");
        SurveyResponse response = accepted(row);
        assertThat(response.getSpecialty()).isEqualTo("Cardiologie pédiatrique");
        assertThat(response.getRegion()).isEqualTo("Île-de-France");
    }

    @Test
    void columnsAreCheckedInContractOrderAndTheFirstProblemIsReported() {
        Map<Column, String> row = Rows.validWith(Column.WAVE, "bad wave");
        row.put(Column.USAGE_FREQUENCY, "sometimes");
        assertThat(rejected(row).field()).isEqualTo("wave");
    }
}

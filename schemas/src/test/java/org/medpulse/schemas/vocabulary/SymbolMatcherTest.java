package org.medpulse.schemas.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;

class SymbolMatcherTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SEVERAL_TIMES_A_WEEK | SEVERAL_TIMES_A_WEEK",
            "several times a week | SEVERAL_TIMES_A_WEEK",
            "Several-Times-A-Week | SEVERAL_TIMES_A_WEEK",
            "'  several   times - a week ' | SEVERAL_TIMES_A_WEEK",
            "dailý | DAILY",
            "weekly! | ",
            "'' | ",
    })
    void symbolsMatchIgnoringCaseAccentsAndSeparators(String text, UsageFrequency expected) {
        assertThat(Vocabulary.USAGE_FREQUENCY.match(text)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "GP | GENERAL_PRACTITIONER", "mg | GENERAL_PRACTITIONER", "Généraliste | GENERAL_PRACTITIONER",
            "GENERALISTE | GENERAL_PRACTITIONER", "spécialiste | SPECIALIST", "Specialiste | SPECIALIST",
            "general practitioner | GENERAL_PRACTITIONER", "dentiste | ",
    })
    void practiceTypeAliasesMatchLikeSymbols(String text, PracticeType expected) {
        assertThat(Vocabulary.PRACTICE_TYPE.match(text)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void nullMatchesNothing() {
        assertThat(Vocabulary.BARRIER.match(null)).isEmpty();
    }

    @Test
    void theAcceptedValuesAreDescribedForErrorMessages() {
        assertThat(Vocabulary.PRACTICE_TYPE.describeAccepted()).isEqualTo(
                "one of GENERAL_PRACTITIONER, SPECIALIST, OTHER (or GP, MG, généraliste, spécialiste)");
        assertThat(Vocabulary.SETTING.describeAccepted()).isEqualTo("one of HOSPITAL, PRIVATE_PRACTICE, MIXED, OTHER");
        assertThat(Vocabulary.PRACTICE_TYPE.aliases()).containsEntry("MG", PracticeType.GENERAL_PRACTITIONER);
        assertThat(SymbolMatcher.of(PracticeType.class, Map.of("doc", PracticeType.OTHER)).match("DOC"))
                .contains(PracticeType.OTHER);
    }
}

package org.medpulse.schemas.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

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

    /** A declared spelling is matched without its key, yet as its key matches: an alias may take over a symbol's key. */
    @Test
    void declaredSpellingsMatchAsTheirKeysDo() {
        SymbolMatcher<PracticeType> matcher = SymbolMatcher.of(PracticeType.class,
                Map.of("other", PracticeType.GENERAL_PRACTITIONER));
        assertThat(matcher.match("OTHER")).contains(PracticeType.GENERAL_PRACTITIONER);
        assertThat(matcher.match(" Other ")).contains(PracticeType.GENERAL_PRACTITIONER);
        assertThat(matcher.match("other")).contains(PracticeType.GENERAL_PRACTITIONER);
        assertThat(matcher.match("SPECIALIST")).contains(PracticeType.SPECIALIST);
    }

    /**
     * ASCII text takes a path of its own (no normalising, no regular expressions): it must give
     * the key the general path gives, for every mix of letters, digits, white space, hyphens,
     * punctuation and control characters.
     */
    @Test
    void asciiTextGetsTheKeyOfTheGeneralPath() {
        String alphabet = "aZz-_ \t\n\u000B\f\r\u0001\u001F9!:|'é";
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(SymbolMatcher.key(text.toString())).as("key of [%s]", text).isEqualTo(generalKey(text.toString()));
        }
    }

    /** The key as every text got it before ASCII took a path of its own. */
    private static String generalKey(String text) {
        return Pattern.compile("[\\s-]+").matcher(Folding.foldAccentsAndCase(text.trim())).replaceAll("_")
                .toUpperCase(Locale.ROOT);
    }
}

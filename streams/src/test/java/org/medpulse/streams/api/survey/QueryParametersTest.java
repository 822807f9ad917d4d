package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.schemas.WaveId;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.SurveyFilter;

class QueryParametersTest {

    // 01:30 on July 1st in Paris is still June 30th in UTC: "today" is the UTC day.
    private static final Clock JUST_AFTER_MIDNIGHT_IN_PARIS =
            Clock.fixed(Instant.parse("2025-06-30T23:30:00Z"), ZoneId.of("Europe/Paris"));

    private static QueryParameters params(String... nameValues) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            raw.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return QueryParameters.of(raw);
    }

    @Test
    void filterValuesMatchLikeIngestion() {
        SurveyFilter filter = params("partner", " Acmé ", "practiceType", "mg", "setting", "private practice").filter();

        assertThat(filter.partner()).contains("Acmé");
        assertThat(filter.practiceType()).contains(PracticeType.GENERAL_PRACTITIONER);
        assertThat(filter.setting()).contains(PracticeSetting.PRIVATE_PRACTICE);
        assertThat(params("practiceType", "Spécialiste").filter().practiceType()).contains(PracticeType.SPECIALIST);
        assertThat(params("practiceType", "general-practitioner").filter().practiceType()).contains(PracticeType.GENERAL_PRACTITIONER);
        assertThat(params().filter()).isEqualTo(SurveyFilter.all());
    }

    @Test
    void anUnknownSymbolNamesTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> params("practiceType", "surgeon").filter())
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("practiceType")
                .hasMessageContaining("'surgeon'")
                .hasMessageContaining("GENERAL_PRACTITIONER, SPECIALIST, OTHER")
                .extracting(e -> ((InvalidParameterException) e).parameter()).isEqualTo("practiceType");
        assertThatThrownBy(() -> params("setting", "clinic").filter())
                .hasMessageContaining("setting")
                .hasMessageContaining("HOSPITAL, PRIVATE_PRACTICE, MIXED, OTHER");
    }

    @Test
    void emptyAndRepeatedValuesAreRejected() {
        assertThatThrownBy(() -> params("partner", "").filter()).hasMessageContaining("'partner' must not be empty");
        assertThatThrownBy(() -> params("partner", "a", "partner", "b").allowOnly(QueryParameters.FILTERS, "/x"))
                .hasMessageContaining("'partner' is given 2 times");
    }

    @Test
    void unknownParametersAreRejectedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> params("practicetype", "GP").allowOnly(QueryParameters.FILTERS, "/api/v1/waves/{wave}/usage"))
                .hasMessageContaining("Unknown parameter 'practicetype'")
                .hasMessageContaining("accepts: partner, practiceType, setting");
        assertThatThrownBy(() -> params("partner", "acme").allowOnly(List.of("allowStale"), "/api/v1/waves"))
                .hasMessageContaining("/api/v1/waves takes no filters")
                .hasMessageContaining("accepts: allowStale");
        assertThatThrownBy(() -> params("x", "1").allowOnly(List.of(), "/api/v1/stream"))
                .hasMessageContaining("accepts: none");
    }

    @Test
    void topIsOptionalAndBounded() {
        assertThat(params().top()).isEqualTo(OptionalInt.empty());
        assertThat(params("top", "1").top()).hasValue(1);
        assertThat(params("top", "100").top()).hasValue(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5", "99999999999"})
    void topOutsideOneToAHundredIsRejected(String top) {
        assertThatThrownBy(() -> params("top", top).top())
                .hasMessageContaining("'top' must be an integer from 1 to 100")
                .hasMessageContaining("'" + top + "'");
    }

    @Test
    void dayRangeDefaultsToThirtyDaysEndingTodayInUtc() {
        DayRange range = params().dayRange(JUST_AFTER_MIDNIGHT_IN_PARIS);

        assertThat(range.until()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(range.from()).isEqualTo(LocalDate.of(2025, 6, 1));
    }

    @Test
    void dayRangeEndsOnUntilAndSpansDaysDays() {
        assertThat(params("days", "1", "until", "2024-02-29").dayRange(JUST_AFTER_MIDNIGHT_IN_PARIS))
                .isEqualTo(new DayRange(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 2, 29)));
        assertThat(params("days", "366", "until", "2024-12-31").dayRange(JUST_AFTER_MIDNIGHT_IN_PARIS))
                .isEqualTo(new DayRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "367", "x"})
    void daysOutsideOneToThreeHundredSixtySixAreRejected(String days) {
        assertThatThrownBy(() -> params("days", days).dayRange(JUST_AFTER_MIDNIGHT_IN_PARIS))
                .hasMessageContaining("'days' must be an integer from 1 to 366");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-13-01", "2025-02-30", "30/06/2025", "yesterday", "2025-6-1"})
    void untilMustBeAnIsoDate(String until) {
        assertThatThrownBy(() -> params("until", until).dayRange(JUST_AFTER_MIDNIGHT_IN_PARIS))
                .hasMessageContaining("'until' must be a date YYYY-MM-DD");
    }

    @Test
    void allowStaleIsABoolean() {
        assertThat(params().readOptions().isStaleAllowed()).isFalse();
        assertThat(params("allowStale", "true").readOptions().isStaleAllowed()).isTrue();
        assertThat(params("allowStale", "FALSE").readOptions().isStaleAllowed()).isFalse();
        assertThatThrownBy(() -> params("allowStale", "yes").readOptions()).hasMessageContaining("true or false");
    }

    @Test
    void pathIdentifiersMustBeUsable() {
        assertThat(QueryParameters.wave("2025-06")).isEqualTo("2025-06");
        assertThatThrownBy(() -> QueryParameters.wave(" ")).hasMessageContaining("'wave'");
        assertThatThrownBy(() -> QueryParameters.tool("a\u0000b")).hasMessageContaining("'tool'");
        // One wave-id rule for ingestion, the topology and the API (WaveId): 32 characters at most.
        assertThat(QueryParameters.wave("w".repeat(WaveId.MAX_LENGTH))).hasSize(WaveId.MAX_LENGTH);
        assertThatThrownBy(() -> QueryParameters.wave("w".repeat(WaveId.MAX_LENGTH + 1))).hasMessageContaining(WaveId.RULE);
        assertThatThrownBy(() -> QueryParameters.wave("2025 06")).hasMessageContaining(WaveId.RULE);
    }
}

package org.medpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.streams.testing.Responses.keyOf;
import static org.medpulse.streams.testing.Responses.response;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;

class SurveyResponseValidatorTest {

    @Test
    void aWaveIdIsCheckedWhateverWaveTheResponseBeforeNamed() {
        SurveyResponse valid = response("p1", "r1", "2025-06").build();
        SurveyResponse invalid = response("p1", "r2", "2025 06").build();
        SurveyResponse tooLong = response("p1", "r3", "2025-06".repeat(5)).build();

        assertThat(SurveyResponseValidator.problems(keyOf(valid), valid)).isEmpty();
        assertThat(SurveyResponseValidator.problems(keyOf(invalid), invalid)).singleElement().asString()
                .contains("2025 06");
        assertThat(SurveyResponseValidator.problems(keyOf(valid), valid)).isEmpty();
        assertThat(SurveyResponseValidator.problems(keyOf(valid), valid)).isEmpty();
        assertThat(SurveyResponseValidator.problems(keyOf(tooLong), tooLong)).hasSize(1);
        assertThat(SurveyResponseValidator.problems(keyOf(valid), valid)).isEmpty();
    }
}

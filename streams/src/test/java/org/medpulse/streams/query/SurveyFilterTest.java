package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.state.Cell;

class SurveyFilterTest {

    private static final Cell ACME_GP_HOSPITAL = new Cell("Acmé Panel", PracticeType.GENERAL_PRACTITIONER, PracticeSetting.HOSPITAL);

    @Test
    void anOpenFilterMatchesEveryCell() {
        assertThat(SurveyFilter.all().matches(ACME_GP_HOSPITAL)).isTrue();
        assertThat(SurveyFilter.of(null, null, null)).isSameAs(SurveyFilter.all());
        assertThat(SurveyFilter.all().matchesEverything()).isTrue();
    }

    @Test
    void partnersMatchIgnoringCaseAccentsAndSurroundingSpace() {
        assertThat(SurveyFilter.all().withPartner("  acme PANEL ").matches(ACME_GP_HOSPITAL)).isTrue();
        assertThat(SurveyFilter.all().withPartner("acme").matches(ACME_GP_HOSPITAL)).isFalse();
        assertThat(SurveyFilter.all().withPartner("ACME panel")).isEqualTo(SurveyFilter.all().withPartner("acmé Panel"));
    }

    @Test
    void aFilterAskedAgainIsTheSameInstanceWhoseSumsAreFoundByIdentity() {
        SurveyFilter gp = SurveyFilter.of("acme", PracticeType.GENERAL_PRACTITIONER, null);
        assertThat(SurveyFilter.of(" acme ", PracticeType.GENERAL_PRACTITIONER, null)).isSameAs(gp);
        assertThat(SurveyFilter.all().withPracticeType(PracticeType.GENERAL_PRACTITIONER).withPartner("acme")).isSameAs(gp);
        // Another spelling is another instance, but the same filter.
        assertThat(SurveyFilter.of("ACME", PracticeType.GENERAL_PRACTITIONER, null)).isNotSameAs(gp).isEqualTo(gp)
                .hasSameHashCodeAs(gp);
        assertThat(SurveyFilter.of("ACME", PracticeType.GENERAL_PRACTITIONER, null).partner()).contains("ACME");
    }

    @Test
    void everyCriterionMustHold() {
        SurveyFilter gpInHospital = SurveyFilter.of(null, PracticeType.GENERAL_PRACTITIONER, PracticeSetting.HOSPITAL);
        assertThat(gpInHospital.matches(ACME_GP_HOSPITAL)).isTrue();
        assertThat(gpInHospital.withSetting(PracticeSetting.MIXED).matches(ACME_GP_HOSPITAL)).isFalse();
        assertThat(gpInHospital.withPracticeType(PracticeType.SPECIALIST).matches(ACME_GP_HOSPITAL)).isFalse();
        assertThat(gpInHospital.withPracticeType(null).withSetting(null)).isSameAs(SurveyFilter.all());
    }

    @Test
    void oneFilterJudgesCellsOfAlternatingPartnersEachOnItsOwn() {
        SurveyFilter acme = SurveyFilter.all().withPartner("ACME PANEL");
        String medica = "medica";
        String acmeId = "Acmé Panel";
        for (int i = 0; i < 3; i++) {
            assertThat(acme.matches(acmeId, PracticeType.SPECIALIST, PracticeSetting.HOSPITAL)).isTrue();
            assertThat(acme.matches(acmeId, PracticeType.SPECIALIST, PracticeSetting.HOSPITAL)).isTrue();
            assertThat(acme.matches(medica, PracticeType.SPECIALIST, PracticeSetting.HOSPITAL)).isFalse();
            assertThat(acme.matches(new String(acmeId), PracticeType.SPECIALIST, PracticeSetting.HOSPITAL))
                    .as("an equal id in another instance").isTrue();
            assertThat(acme.matches(new String(medica), PracticeType.SPECIALIST, PracticeSetting.HOSPITAL)).isFalse();
        }
    }
}

package org.medpulse.streams.query.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PerturbationParametersTest {

    @Test
    void recommendedParametersAreDestatisDocumentationExample() {
        PerturbationParameters p = PerturbationParameters.recommended();

        assertThat(p).isEqualTo(new PerturbationParameters(5, 3.0, 3, true));
    }

    @Test
    void symmetryCountIsDestatisNcat() {
        // ptable: ncat = D without blocking, D + js with it (MedPulse js, one above ptable's).
        assertThat(PerturbationParameters.of(2, 1.0, 0).symmetryCount()).isEqualTo(2);
        assertThat(PerturbationParameters.of(2, 1.05, 2).symmetryCount()).isEqualTo(4);
        assertThat(PerturbationParameters.of(5, 3.0, 3).symmetryCount()).isEqualTo(8);
    }

    @Test
    void blockedCountsAreOneToJs() {
        PerturbationParameters p = PerturbationParameters.of(5, 3.0, 3);

        assertThat(p.isPublishable(0)).isTrue();
        assertThat(p.isPublishable(1)).isFalse();
        assertThat(p.isPublishable(2)).isFalse();
        assertThat(p.isPublishable(3)).isTrue();
        assertThat(p.isPublishable(-1)).isFalse();
    }

    @Test
    void refusesNonPositiveD() {
        assertThatThrownBy(() -> PerturbationParameters.of(0, 1.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("D (maximum absolute noise) must be between 1 and 100, was 0");
    }

    @Test
    void refusesNonPositiveOrNonFiniteV() {
        assertThatThrownBy(() -> PerturbationParameters.of(2, 0.0, 0))
                .hasMessage("V (noise variance) must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> PerturbationParameters.of(2, Double.NaN, 0))
                .hasMessage("V (noise variance) must be a finite number > 0, was NaN");
    }

    @Test
    void refusesNegativeJs() {
        assertThatThrownBy(() -> PerturbationParameters.of(2, 1.0, -1))
                .hasMessage("js (threshold) must be >= 0 (0 or 1 = no threshold), was -1");
    }

    @Test
    void refusesVarianceAboveTheUniformNoiseOnMinusDToD() {
        assertThatThrownBy(() -> PerturbationParameters.of(2, 3.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V=3.0 is too large for D=2")
                .hasMessageContaining("D(D+1)/3 = 2.0")
                .hasMessageContaining("at most D^2 = 4")
                .hasMessageContaining("Use V <= 2.0 or a larger D.");
        // The bound itself is allowed: the symmetric row is then uniform.
        assertThat(PerturbationParameters.of(2, 2.0, 0).v()).isEqualTo(2.0);
    }

    @Test
    void refusesThresholdBeyondMaximumNoise() {
        assertThatThrownBy(() -> PerturbationParameters.of(3, 3.5, 5))
                .hasMessageContaining("js=5 is too large for D=3")
                .hasMessageContaining("as js=5")
                .hasMessageContaining("Use js <= D+1.");
    }

    @Test
    void refusesVarianceTooSmallToMoveBlockedCountsWithoutBias() {
        // Count 1 with js=3 must go to 0 (noise -1) or 3 (noise +2): at best variance 1*2 = 2.
        assertThatThrownBy(() -> PerturbationParameters.of(3, 2.0, 3))
                .hasMessage("V=2.0 is too small for js=3: an original count i in 1..js-1 must be published as 0 or as"
                        + " js or more, and the least variance an unbiased such move can have is i*(js-i),"
                        + " which is 2.0 for i=1. Use V > 2.0 or a smaller js.");
        assertThatThrownBy(() -> PerturbationParameters.of(5, 3.0, 4))
                .hasMessageContaining("which is 4.0 for i=2. Use V > 4.0");
        assertThat(PerturbationParameters.of(3, 2.01, 3).v()).isEqualTo(2.01);
    }
}

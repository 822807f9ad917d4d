package org.medpulse.streams.query.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Tables compared with figures published from Destatis' R package {@code ptable}. No complete table is
 * published with its parameters; these are the figures that are.
 */
class DestatisCrossCheckTest {

    /**
     * ptable vignette (introduction.Rmd, "Plotting the Perturbation Panel"), for
     * {@code create_cnt_ptable(D = 2, V = 1.08, js = 1, mono = c(TRUE, TRUE, FALSE, TRUE))}: "An original
     * frequency count i=1 changes with probability 0.5133 to j = 0 ... With a probability of 0.46 ... j = 2
     * ... with a probability of 0.0267 ... j = 3". Row 1 has no zero noise, so {@code mono} does not act on it.
     */
    @Test
    void vignettePerturbationPanelRowOne() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.of(2, 1.08, 2)); // ptable js=1: MedPulse js=2
        List<Transition> row = table.rows().get(1).transitions();

        assertThat(row).extracting(Transition::j).containsExactly(0, 2, 3);
        assertThat(row.get(0).p()).isCloseTo(0.5133, within(5e-5));
        assertThat(row.get(1).p()).isCloseTo(0.46, within(5e-5));
        assertThat(row.get(2).p()).isCloseTo(0.0267, within(5e-5));
    }

    /**
     * Statistics Norway's experimentalRpackage (R/pTable.R, {@code Pmatrix}) falls back to
     * "round(Pmatrix(D=2,js=0),2)", cumulative ptable probabilities for D=2, js=0 and its default V=3:
     * rows 0..2 = (1,1,1,1,1), (0.37,0.73,0.90,1,1), (0.2,0.4,0.6,0.8,1). We refuse V=3 > D(D+1)/3 = 2,
     * but there the bound is slack on every row (row 1 peaks at 0.93, row 2 is uniform with variance 2),
     * so V=2 yields the same table.
     */
    @Test
    void statisticsNorwayCumulativeMatrix() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.of(2, 2.0, 0));

        assertThat(roundedUpperBounds(table.rows().get(0))).containsExactly(1.0);
        assertThat(roundedUpperBounds(table.rows().get(1))).containsExactly(0.37, 0.73, 0.90, 1.0);
        assertThat(roundedUpperBounds(table.rows().get(2))).containsExactly(0.2, 0.4, 0.6, 0.8, 1.0);
    }

    private static List<Double> roundedUpperBounds(PerturbationRow row) {
        return row.transitions().stream().map(t -> Math.round(t.upperBound() * 100) / 100.0).toList();
    }

    /**
     * The same row 1 checked exactly: monotony pools p(-1) = p(0) = a, leaving b = p(+1), t = p(+2) with
     * a = (1+t)/3 and b = (1-5t)/3, and the entropy is stationary in t when t^3 a^2 = b^5.
     */
    @Test
    void rowOneWithoutBlockingSatisfiesTheOptimalityCondition() {
        List<Transition> row = PerturbationTable.build(PerturbationParameters.of(2, 2.0, 0)).rows().get(1)
                .transitions();
        double a = row.get(0).p();
        double b = row.get(2).p();
        double t = row.get(3).p();

        assertThat(row.get(1).p()).isCloseTo(a, within(1e-12));
        assertThat(a).isCloseTo((1 + t) / 3, within(1e-12));
        assertThat(b).isCloseTo((1 - 5 * t) / 3, within(1e-12));
        assertThat(3 * Math.log(t) + 2 * Math.log(a) - 5 * Math.log(b)).isCloseTo(0.0, within(1e-9));
    }

    /**
     * ptable vignette, "Output Checking and Troubleshooting": with {@code create_cnt_ptable(D = 2, V = 1)}
     * "the preset variance of V=1 does not hold for the original frequency i=1", and with V = 0.9 the
     * table "fullfills all conditions".
     */
    @Test
    void vignetteTroubleshootingExample() {
        assertThat(PerturbationTable.build(PerturbationParameters.of(2, 1.0, 0)).rowsMissingTargetVariance())
                .containsExactly(1);
        assertThat(PerturbationTable.build(PerturbationParameters.of(2, 0.9, 0)).rowsMissingTargetVariance())
                .isEmpty();
    }
}

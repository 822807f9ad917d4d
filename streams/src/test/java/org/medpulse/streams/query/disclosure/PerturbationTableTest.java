package org.medpulse.streams.query.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks Destatis' {@code pt_check} / {@code empResults} make, and those of the lookup. */
class PerturbationTableTest {

    /** Recommended defaults, Destatis' examples, and settings where some rows cannot reach V. */
    static Stream<PerturbationParameters> parameterSets() {
        return Stream.of(
                PerturbationParameters.recommended(),
                PerturbationParameters.of(5, 3.0, 3, false),
                PerturbationParameters.of(2, 1.05, 2),
                PerturbationParameters.of(2, 1.0, 0),
                PerturbationParameters.of(3, 2.0, 2),
                PerturbationParameters.of(4, 2.5, 3),
                PerturbationParameters.of(5, 5.0, 4),
                PerturbationParameters.of(8, 3.0, 3));
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void everyRowIsADistributionWithContiguousCellKeyIntervals(PerturbationParameters parameters) {
        for (PerturbationRow row : PerturbationTable.build(parameters).rows()) {
            List<Transition> transitions = row.transitions();
            assertThat(transitions.stream().mapToDouble(Transition::p).sum()).isCloseTo(1.0, within(1e-12));
            assertThat(transitions).allSatisfy(t -> assertThat(t.p()).isBetween(0.0, 1.0));
            assertThat(transitions.get(0).lowerBound()).isZero();
            assertThat(transitions.get(transitions.size() - 1).upperBound()).isEqualTo(1.0);
            for (int k = 1; k < transitions.size(); k++) {
                assertThat(transitions.get(k).lowerBound()).isEqualTo(transitions.get(k - 1).upperBound());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void noiseIsUnbiasedForEveryOriginalCount(PerturbationParameters parameters) {
        for (PerturbationRow row : PerturbationTable.build(parameters).rows()) {
            assertThat(Math.abs(row.mean())).as("bias of row %d", row.originalCount()).isLessThan(1e-9);
        }
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void varianceIsVExceptOnTheListedRowsWhereItIsSmaller(PerturbationParameters parameters) {
        PerturbationTable table = PerturbationTable.build(parameters);
        List<Integer> missing = table.rowsMissingTargetVariance();

        for (PerturbationRow row : table.rows().subList(1, table.rows().size())) {
            if (missing.contains(row.originalCount())) {
                assertThat(row.variance()).as("row %d", row.originalCount()).isLessThan(parameters.v());
            } else {
                assertThat(row.variance()).as("row %d", row.originalCount()).isCloseTo(parameters.v(), within(1e-9));
            }
        }
    }

    @Test
    void rowsThatCannotReachV() {
        // Recommended defaults: every original count gets exactly V.
        assertThat(PerturbationTable.build(PerturbationParameters.recommended()).rowsMissingTargetVariance())
                .isEmpty();
        // Without blocking, count 1 can only go down by 1 and monotony caps its variance at 0.93.
        assertThat(PerturbationTable.build(PerturbationParameters.of(2, 1.0, 0)).rowsMissingTargetVariance())
                .containsExactly(1);
        assertThat(PerturbationTable.build(PerturbationParameters.of(5, 3.0, 0)).rowsMissingTargetVariance())
                .containsExactly(1);
        // D=2, js=2 (ptable js=1): count 3 can go down only to 2 (one step), the same cap applies to it.
        assertThat(PerturbationTable.build(PerturbationParameters.of(2, 1.05, 2)).rowsMissingTargetVariance())
                .containsExactly(3);
        // D=5, js=4 (ptable js=3): blocked count 1 peaks at 3.81 (it can only go down to 0), and count 6 at 3.28 (down by
        // two at most, monotony pools the downward steps with zero noise).
        assertThat(PerturbationTable.build(PerturbationParameters.of(5, 5.0, 4)).rowsMissingTargetVariance())
                .containsExactly(1, 6);
    }

    @Test
    void countJustAboveTheBlockStaysPutWhenJsEqualsD() {
        // D=4, js=5 (ptable js=4): count 5 cannot go down (1..4 blocked, 0 out of reach), so mean zero forces it to stay.
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.of(4, 6.5, 5));

        assertThat(table.rows().get(5).variance()).isZero();
        assertThat(table.rowsMissingTargetVariance()).contains(5);
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void targetsStayWithinDNonNegativeAndOutsideTheBlockedCounts(PerturbationParameters parameters) {
        for (PerturbationRow row : PerturbationTable.build(parameters).rows()) {
            assertThat(row.transitions()).allSatisfy(t -> {
                assertThat(Math.abs(t.v())).isLessThanOrEqualTo(parameters.d());
                assertThat(t.j()).isEqualTo(t.i() + t.v()).isGreaterThanOrEqualTo(0);
                assertThat(t.j() == 0 || t.j() >= parameters.js()).as("j=%d published", t.j()).isTrue();
            });
        }
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void zeroStaysZero(PerturbationParameters parameters) {
        PerturbationTable table = PerturbationTable.build(parameters);

        assertThat(table.rows().get(0).transitions()).containsExactly(new Transition(0, 0, 1.0, 0, 0.0, 1.0));
        for (int k = 0; k < 1000; k++) {
            assertThat(table.perturb(0, k / 1000.0)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void monotonyHoldsOnTheNegativeSideWhereZeroNoiseIsAllowed(PerturbationParameters parameters) {
        if (!parameters.monotone()) {
            return;
        }
        for (PerturbationRow row : PerturbationTable.build(parameters).rows()) {
            List<Transition> t = row.transitions();
            if (t.stream().noneMatch(x -> x.v() == 0)) {
                continue; // blocked counts: ptable applies no monotony there either
            }
            for (int k = 0; t.get(k).v() < 0; k++) {
                assertThat(t.get(k).p()).isLessThanOrEqualTo(t.get(k + 1).p() + 1e-12);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void lastRowIsSymmetricOnMinusDToD(PerturbationParameters parameters) {
        PerturbationTable table = PerturbationTable.build(parameters);
        List<Transition> last = table.rows().get(table.rows().size() - 1).transitions();

        assertThat(table.rows()).hasSize(parameters.symmetryCount() + 1);
        assertThat(last).hasSize(2 * parameters.d() + 1);
        for (int k = 0; k < last.size(); k++) {
            assertThat(last.get(k).v()).isEqualTo(k - parameters.d());
            assertThat(last.get(k).p()).isCloseTo(last.get(last.size() - 1 - k).p(), within(1e-12));
        }
    }

    @Test
    void symmetricRowHasTheMaximumEntropyForm() {
        // Without binding monotony the optimum is p(v) ∝ exp(a v + b v^2): ln p has constant negative
        // second differences.
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.recommended());
        List<Transition> last = table.rows().get(table.rows().size() - 1).transitions();

        double first = secondDifferenceOfLog(last, 1);
        assertThat(first).isNegative();
        for (int k = 2; k < last.size() - 1; k++) {
            assertThat(secondDifferenceOfLog(last, k)).isCloseTo(first, within(1e-9));
        }
    }

    private static double secondDifferenceOfLog(List<Transition> t, int k) {
        return Math.log(t.get(k + 1).p()) - 2 * Math.log(t.get(k).p()) + Math.log(t.get(k - 1).p());
    }

    @ParameterizedTest
    @MethodSource("parameterSets")
    void lookupOverAFineGridOfCellKeysReproducesTheProbabilities(PerturbationParameters parameters) {
        PerturbationTable table = PerturbationTable.build(parameters);
        int grid = 100_000;
        for (PerturbationRow row : table.rows()) {
            Map<Integer, Integer> hits = new TreeMap<>();
            for (int k = 0; k < grid; k++) {
                hits.merge(table.noise(row.originalCount(), k / (double) grid), 1, Integer::sum);
            }
            for (Transition t : row.transitions()) {
                double share = hits.getOrDefault(t.v(), 0) / (double) grid;
                // A half-open interval of width p holds p*grid grid points, give or take one.
                assertThat(share).as("row %d noise %d", t.i(), t.v()).isCloseTo(t.p(), within(1.0 / grid));
            }
        }
    }

    @Test
    void cellKeyIntervalsAreHalfOpenAsInTheCellKeyPackage() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.recommended());
        Transition first = table.rows().get(3).transitions().get(0);

        assertThat(table.noise(3, 0.0)).isEqualTo(first.v());
        assertThat(table.noise(3, Math.nextDown(first.upperBound()))).isEqualTo(first.v());
        assertThat(table.noise(3, first.upperBound())).isEqualTo(table.rows().get(3).transitions().get(1).v());
        assertThat(table.noise(3, Math.nextDown(1.0))).isEqualTo(table.parameters().d());
    }

    @Test
    void countsFromTheSymmetryCountOnUseTheLastRowShifted() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.recommended());
        int n = table.parameters().symmetryCount();

        for (int k = 0; k < 1000; k++) {
            double key = k / 1000.0;
            int lastRowNoise = table.noise(n, key);
            for (long count : new long[] {n + 1, 100, 1_000_003, 1L << 40}) {
                assertThat(table.noise(count, key)).isEqualTo(lastRowNoise);
                assertThat(table.perturb(count, key)).isEqualTo(count + lastRowNoise);
            }
        }
    }

    @Test
    void sameCountAndCellKeyAlwaysGiveTheSameResult() {
        PerturbationTable first = PerturbationTable.build(PerturbationParameters.recommended());
        PerturbationTable second = PerturbationTable.build(PerturbationParameters.recommended());

        assertThat(second.toCsv()).isEqualTo(first.toCsv());
        for (long count = 0; count < 40; count++) {
            for (int k = 0; k < 500; k++) {
                double key = CellKeys.toUnitInterval(k * 7_919L, 4096);
                assertThat(second.perturb(count, key)).isEqualTo(first.perturb(count, key));
                assertThat(first.perturb(count, key)).isEqualTo(first.perturb(count, key));
            }
        }
    }

    @Test
    void refusesInvalidLookups() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.recommended());

        assertThatThrownBy(() -> table.noise(5, 1.0)).hasMessage("cell key must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> table.noise(5, -0.1)).hasMessage("cell key must be in [0, 1), was -0.1");
        assertThatThrownBy(() -> table.noise(5, Double.NaN)).hasMessage("cell key must be in [0, 1), was NaN");
        assertThatThrownBy(() -> table.noise(-1, 0.5)).hasMessage("count must be >= 0, was -1");
    }

    @Test
    void csvHasPtableColumnsAndOneLinePerTransition() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.recommended());
        List<String> lines = table.toCsv().lines().toList();
        long transitions = table.rows().stream().mapToLong(r -> r.transitions().size()).sum();

        assertThat(lines.get(0)).isEqualTo("i,j,p,v,p_int_lb,p_int_ub,type");
        assertThat(lines).hasSize((int) transitions + 1);
        assertThat(lines.get(1)).isEqualTo("0,0,1,0,0,1,all");
        assertThat(lines.get(2)).startsWith("1,0,0.73").endsWith(",all");
        assertThat(lines.get(lines.size() - 1)).startsWith("8,13,").contains(",5,").endsWith(",1,all");
        assertThat(lines).noneMatch(line -> line.contains("E"));
    }

    @Test
    void csvReadsBackToTheSameDoubles() {
        PerturbationTable table = PerturbationTable.build(PerturbationParameters.recommended());
        List<String> lines = table.toCsv().lines().skip(1).toList();
        List<Transition> all = table.rows().stream().flatMap(r -> r.transitions().stream()).toList();

        for (int k = 0; k < all.size(); k++) {
            String[] f = lines.get(k).split(",");
            Transition t = all.get(k);
            assertThat(new Transition(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]))).isEqualTo(t);
        }
    }
}

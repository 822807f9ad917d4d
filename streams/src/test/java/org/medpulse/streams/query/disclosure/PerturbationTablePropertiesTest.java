package org.medpulse.streams.query.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The agency checks, for any valid parameters rather than a chosen few. */
class PerturbationTablePropertiesTest {

    @Property(tries = 200)
    void everyValidParameterSetGivesAnUnbiasedBoundedTable(@ForAll("validParameters") PerturbationParameters p) {
        PerturbationTable table = PerturbationTable.build(p);

        for (PerturbationRow row : table.rows()) {
            assertThat(row.transitions().stream().mapToDouble(Transition::p).sum()).isBetween(1 - 1e-12, 1 + 1e-12);
            assertThat(Math.abs(row.mean())).isLessThan(1e-9);
            assertThat(row.variance()).isLessThanOrEqualTo(p.v() + 1e-9);
            assertThat(row.transitions()).allSatisfy(t -> {
                assertThat(Math.abs(t.v())).isLessThanOrEqualTo(p.d());
                assertThat(p.isPublishable(t.j())).isTrue();
            });
        }
        assertThat(table.rows().get(table.rows().size() - 1).variance()).isBetween(p.v() - 1e-9, p.v() + 1e-9);
    }

    @Property(tries = 200)
    void perturbedCountsAreNeverNegativeNorBlocked(
            @ForAll("validParameters") PerturbationParameters p,
            @ForAll("counts") long count,
            @ForAll("cellKeys") double cellKey) {
        long published = PerturbationTable.build(p).perturb(count, cellKey);

        assertThat(p.isPublishable(published)).isTrue();
        assertThat(Math.abs(published - count)).isLessThanOrEqualTo(p.d());
        if (count == 0) {
            assertThat(published).isZero();
        }
    }

    @Provide
    Arbitrary<PerturbationParameters> validParameters() {
        return Arbitraries.integers().between(1, 8).flatMap(d ->
                Arbitraries.integers().between(0, d).flatMap(blocked -> {
                    int js = blocked == 0 ? 0 : blocked + 1;
                    int half = (blocked + 1) / 2;
                    double lower = blocked == 0 ? 0 : (double) half * (blocked + 1 - half);
                    double upper = d * (d + 1) / 3.0;
                    if (lower >= upper) {
                        // No V is valid for this (D, js), e.g. D=1, js=2: fall back to no threshold.
                        return Arbitraries.just(PerturbationParameters.of(d, upper, 0));
                    }
                    return Combinators.combine(
                                    Arbitraries.doubles().between(0.01, 1.0), Arbitraries.of(true, false))
                            .as((share, mono) -> PerturbationParameters.of(d, lower + share * (upper - lower), js, mono));
                }));
    }

    @Provide
    Arbitrary<Long> counts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 30), Arbitraries.longs().between(0, 1L << 40));
    }

    @Provide
    Arbitrary<Double> cellKeys() {
        return Arbitraries.doubles().between(0.0, true, 1.0, false);
    }
}

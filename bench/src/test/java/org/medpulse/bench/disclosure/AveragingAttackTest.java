package org.medpulse.bench.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.medpulse.bench.disclosure.AttackQuestions.Block;
import org.medpulse.bench.disclosure.AttackQuestions.Filters;
import org.medpulse.streams.query.disclosure.CellKeyPerturbation;
import org.medpulse.streams.query.disclosure.PerturbationParameters;
import org.medpulse.streams.state.Count;

/**
 * Properties the averaging attack must have, on a panel small enough to attack quickly: no figure is
 * asserted, only how the figures must compare.
 */
class AveragingAttackTest {

    /** Two partners, 60 days (three waves), the target on day 31 with one respondent. */
    private static final AttackPanel.Settings PANEL =
            new AttackPanel.Settings(2, LocalDate.of(2025, 1, 1), 60, 3.0, 30, 1);
    private static final CellKeyPerturbation METHOD = CellKeyPerturbation.of(PerturbationParameters.recommended());

    @Test
    void thePanelHoldsTheTargetGroupWithItsTrueCount() {
        for (int trueCount = 1; trueCount <= 2; trueCount++) {
            AttackPanel.Settings settings = new AttackPanel.Settings(2, LocalDate.of(2025, 1, 1), 60, 3.0, 30, trueCount);
            AttackPanel panel = AttackPanel.generate(settings, 7);
            assertThat(panel.respondents(0, 30)).isEqualTo(trueCount);
            assertThat(panel.respondents()).isGreaterThan(200);
        }
    }

    @Test
    void theEstimatorIsUnbiasedOnNoiseFreeAnswers() {
        for (AttackQuestions questions : AveragingAttack.configurations(PANEL)) {
            LinearAttack attack = new LinearAttack(questions, PANEL);
            for (long seed = 1; seed <= 3; seed++) {
                AttackPanel panel = AttackPanel.generate(PANEL, seed);
                assertThat(attack.estimate(panel, Count::n)).as(questions.name()).isCloseTo(1.0, within(1e-7));
            }
        }
    }

    @Test
    void theBaselineIsTheOnePublishedCountWhichNeverShowsASmallGroup() {
        AttackQuestions baseline = AveragingAttack.configurations(PANEL).get(0);
        assertThat(baseline.name()).isEqualTo("baseline");
        LinearAttack attack = new LinearAttack(baseline, PANEL);
        assertThat(attack.answers()).isEqualTo(1);
        assertThat(attack.modelStandardDeviation(3.0)).isCloseTo(Math.sqrt(3.0), within(1e-12));
        for (long seed = 1; seed <= 200; seed++) {
            double estimate = attack.estimate(AttackPanel.generate(PANEL, seed), METHOD::publish);
            assertThat(estimate).isEqualTo(Math.rint(estimate));
            assertThat(AveragingAttack.guess(estimate)).isNotEqualTo(1L).isNotEqualTo(2L);
        }
    }

    @Test
    void questionsSplitIntoBlocksGiveTheSameEstimateAsOneBlock() {
        // The general solver (several blocks) must agree with the per-dimension one (a single product).
        List<int[]> windows = DayWindows.union(DayWindows.sliding(PANEL.days(), CellKeyPerturbation.WINDOWS.lengths()),
                DayWindows.months(PANEL.start(), PANEL.days()));
        List<int[]> months = DayWindows.months(PANEL.start(), PANEL.days());
        AttackQuestions one = AttackQuestions.of("one", "one block", windows, Filters.EVERY_COMBINATION, true);
        AttackQuestions two = new AttackQuestions("two", "two blocks", List.of(
                new Block(DayWindows.minus(windows, months), Filters.EVERY_COMBINATION, true),
                new Block(months, Filters.EVERY_COMBINATION, true)));
        LinearAttack single = new LinearAttack(one, PANEL);
        LinearAttack split = new LinearAttack(two, PANEL);

        assertThat(split.answers()).isEqualTo(single.answers());
        assertThat(split.modelStandardDeviation(3)).isCloseTo(single.modelStandardDeviation(3), within(1e-8));
        for (long seed = 1; seed <= 3; seed++) {
            AttackPanel panel = AttackPanel.generate(PANEL, seed);
            assertThat(split.estimate(panel, METHOD::publish)).isCloseTo(single.estimate(panel, METHOD::publish),
                    within(1e-7));
        }
    }

    @Test
    void moreDistinctQuestionsAboutTheGroupMeanAStrongerAttack() {
        AveragingAttack attack = new AveragingAttack(new AveragingAttack.Settings(PANEL,
                PerturbationParameters.recommended(), 60, 11));
        Map<String, AveragingAttack.Outcome> outcomes = attack.run(AveragingAttack.configurations(PANEL)).stream()
                .collect(Collectors.toMap(o -> o.questions().name(), Function.identity()));
        AveragingAttack.Outcome baseline = outcomes.get("baseline");
        AveragingAttack.Outcome api = outcomes.get("(a)");
        AveragingAttack.Outcome everyWindow = outcomes.get("(b)");

        assertThat(baseline.hits()).isZero();
        assertThat(everyWindow.modelStandardDeviation()).isLessThan(api.modelStandardDeviation());
        assertThat(api.modelStandardDeviation()).isLessThan(baseline.modelStandardDeviation());
        assertThat(everyWindow.rate()).isGreaterThan(api.rate());
        assertThat(api.rate()).isGreaterThan(baseline.rate());
        assertThat(everyWindow.rootMeanSquareError()).isLessThan(api.rootMeanSquareError());
        // Fewer questions, weaker attacks: without filters, single days only, aligned windows, fewer filters.
        for (String restricted : List.of("(c)", "(d)", "(e)", "(e') calendar", "(f)", "(g)")) {
            assertThat(outcomes.get(restricted).modelStandardDeviation()).as(restricted)
                    .isGreaterThan(api.modelStandardDeviation());
        }
        assertThat(outcomes.get("(a) resp. only").modelStandardDeviation()).isGreaterThan(api.modelStandardDeviation());
    }

    @Test
    void theSameSeedGivesTheSameFiguresWhateverTheThreads() {
        AveragingAttack.Settings settings = new AveragingAttack.Settings(PANEL, PerturbationParameters.recommended(), 8, 3);
        List<AttackQuestions> questions = AveragingAttack.configurations(PANEL).subList(0, 3);

        List<AveragingAttack.Outcome> first = new AveragingAttack(settings).run(questions);
        List<AveragingAttack.Outcome> second = new AveragingAttack(settings).run(questions);

        assertThat(first).extracting(AveragingAttack.Outcome::hits)
                .containsExactlyElementsOf(second.stream().map(AveragingAttack.Outcome::hits).toList());
        assertThat(first).extracting(AveragingAttack.Outcome::rootMeanSquareError)
                .containsExactlyElementsOf(second.stream().map(AveragingAttack.Outcome::rootMeanSquareError).toList());
    }

    @Test
    void aTargetNoQuestionIsolatesIsRefused() {
        // Week-long windows tiling the calendar never tell the target's day from the rest of its week.
        AttackQuestions weeks = AttackQuestions.of("weeks", "aligned weeks only",
                DayWindows.aligned(PANEL.start(), PANEL.days(), List.of(7)), Filters.EVERY_COMBINATION, false);

        assertThatThrownBy(() -> new LinearAttack(weeks, PANEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not estimable");
    }
}

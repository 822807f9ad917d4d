package org.medpulse.bench.disclosure;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.medpulse.bench.disclosure.AttackQuestions.Block;
import org.medpulse.bench.disclosure.AttackQuestions.Filters;
import org.medpulse.streams.query.disclosure.CellKeyPerturbation;
import org.medpulse.streams.query.disclosure.PerturbationParameters;

/**
 * The averaging attack on the cell key method, simulated: an attacker who knows that a small group
 * exists (one partner's respondents on one day, fewer than {@code js}) asks every question the public
 * API allows that bears on it, forms the least-squares estimate of its count ({@link LinearAttack}),
 * rounds it to the nearest non-negative integer and compares with the truth. Each trial draws a fresh
 * panel and fresh record keys (a fresh secret); the answers come from the real
 * {@link CellKeyPerturbation} on the real key sums. The share of trials in which the guess is right is
 * the attack's success rate, for each set of questions; the same trials serve every set.
 */
public final class AveragingAttack {

    /** The API's window lengths before the cell key method limited them: every length up to a year. */
    public static final int MAX_WINDOW = 366;

    /**
     * @param panel      the synthetic panel and its target
     * @param parameters the perturbation table's parameters
     * @param trials     panels attacked
     * @param seed       the same seed gives the same panels, keys and figures
     */
    public record Settings(AttackPanel.Settings panel, PerturbationParameters parameters, int trials, long seed) {

        public Settings {
            Objects.requireNonNull(panel, "panel");
            Objects.requireNonNull(parameters, "parameters");
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be at least 1, was " + trials);
            }
        }

        /**
         * The panel the README's figures come from: two partners (the target's and one other, so that
         * the whole panel minus the other partner is one more look at the target's), 181 days from
         * 2025-01-01, three respondents per partner and day on average; the target on the middle day.
         */
        public static Settings standard(int trueCount, int trials, long seed) {
            return new Settings(AttackPanel.Settings.standard(2, 3.0, trueCount), PerturbationParameters.recommended(),
                    trials, seed);
        }
    }

    /** One set of questions' figures over every trial. */
    public record Outcome(AttackQuestions questions, long answers, int windows, double modelStandardDeviation,
                          int trials, int hits, double meanError, double rootMeanSquareError) {

        public double rate() {
            return (double) hits / trials;
        }

        /** The 95% Wilson score interval of the rate. */
        public double[] interval95() {
            double z = 1.96;
            double p = rate();
            double n = trials;
            double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }
    }

    private final Settings settings;

    public AveragingAttack(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The sets of questions compared: the baseline (the one answer about the target), the API's four
     * lengths ending on any day (a), every length as before (b), two restrictions (c, d), the API as it
     * is with windows that tile the calendar (e), and other rules (e', f, g).
     */
    public static List<AttackQuestions> configurations(AttackPanel.Settings panel) {
        int days = panel.days();
        int target = panel.targetDay();
        List<Integer> windows = CellKeyPerturbation.WINDOWS.lengths();
        String lengths = String.join("/", windows.stream().map(String::valueOf).toList());
        List<int[]> months = DayWindows.months(panel.start(), days);
        List<int[]> sliding = DayWindows.sliding(days, windows);
        List<int[]> api = DayWindows.union(sliding, months);
        List<int[]> aligned = DayWindows.aligned(panel.start(), days, windows);
        List<Integer> everyLength = IntStream.rangeClosed(1, MAX_WINDOW).boxed().toList();
        Filters every = Filters.EVERY_COMBINATION;
        List<AttackQuestions> list = new ArrayList<>();
        list.add(AttackQuestions.of("baseline", "the one answer about the target: days=1 on its day, its partner, "
                + "respondents", List.<int[]>of(new int[] {target, target}), Filters.PARTNER, false));
        list.add(AttackQuestions.of("(a)", "the API's lengths ending on any day (before the windows rule): days=" + lengths + " ending on every day, and the "
                + "waves; every filter combination; the usage breakdown", api, every, true));
        list.add(AttackQuestions.of("(a) resp. only", "as (a), the respondents of each answer only", api, every, false));
        list.add(AttackQuestions.of("(b)", "the API before: days=1.." + MAX_WINDOW + " ending on every day (every "
                        + "window); every filter combination; the usage breakdown",
                DayWindows.union(DayWindows.sliding(days, everyLength), months), every, true));
        list.add(AttackQuestions.of("(c)", "windows only: days=" + lengths + " ending on every day, and the waves; "
                + "the target's partner alone, respondents", api, Filters.PARTNER, false));
        list.add(AttackQuestions.of("(d)", "days=1 only: every day, and the waves; every filter combination; the "
                + "usage breakdown", DayWindows.union(DayWindows.sliding(days, List.of(1)), months), every, true));
        list.add(AttackQuestions.of("(e)", "the API as it is, aligned windows: days=" + lengths + " ending only on the last day of "
                        + "their block (each length tiles the calendar), and the waves; every filter combination; "
                        + "the usage breakdown", DayWindows.union(aligned, months), every, true));
        list.add(AttackQuestions.of("(e') calendar", "calendar periods: single days, ISO weeks (Monday to Sunday), "
                        + "months (the waves) and quarters; every filter combination; the usage breakdown",
                DayWindows.union(DayWindows.sliding(days, List.of(1)), DayWindows.aligned(panel.start(), days, List.of(7)),
                        months, DayWindows.quarters(panel.start(), days)), every, true));
        list.add(new AttackQuestions("(f)", "days=" + lengths + " ending on every day with no filter but the partner; "
                + "the waves with every filter combination; the usage breakdown", List.of(
                        new Block(DayWindows.minus(sliding, months), Filters.PARTNERS, true),
                        new Block(months, every, true))));
        list.add(new AttackQuestions("(g)", "aligned windows as (e) with no filter but the partner; the waves with "
                + "every filter combination; the usage breakdown", List.of(
                        new Block(DayWindows.minus(aligned, months), Filters.PARTNERS, true),
                        new Block(months, every, true))));
        return list;
    }

    /** Attacks {@link Settings#trials()} panels with each set of questions. Trials run in parallel; the figures do not depend on it. */
    public List<Outcome> run(List<AttackQuestions> configurations) {
        AttackPanel.Settings panel = settings.panel();
        List<LinearAttack> attacks = configurations.stream().map(q -> new LinearAttack(q, panel)).toList();
        CellKeyPerturbation method = CellKeyPerturbation.of(settings.parameters());
        long[] seeds = trialSeeds(settings.seed(), settings.trials());
        double[][] estimates = new double[attacks.size()][settings.trials()];
        IntStream.range(0, settings.trials()).parallel().forEach(trial -> {
            AttackPanel data = AttackPanel.generate(panel, seeds[trial]);
            for (int a = 0; a < attacks.size(); a++) {
                estimates[a][trial] = attacks.get(a).estimate(data, method::publish);
            }
        });
        List<Outcome> outcomes = new ArrayList<>();
        for (int a = 0; a < attacks.size(); a++) {
            outcomes.add(outcome(attacks.get(a), estimates[a]));
        }
        return outcomes;
    }

    private Outcome outcome(LinearAttack attack, double[] estimates) {
        int truth = settings.panel().trueCount();
        int hits = 0;
        double sum = 0;
        double squares = 0;
        for (double estimate : estimates) {
            if (guess(estimate) == truth) {
                hits++;
            }
            sum += estimate - truth;
            squares += (estimate - truth) * (estimate - truth);
        }
        int n = estimates.length;
        return new Outcome(attack.questions(), attack.answers(), attack.windows(),
                attack.modelStandardDeviation(settings.parameters().v()), n, hits, sum / n, Math.sqrt(squares / n));
    }

    /** The attacker's guess: the estimate rounded to the nearest count, never below zero. */
    public static long guess(double estimate) {
        return Math.max(0, Math.round(estimate));
    }

    /** One seed per trial, drawn in order from {@code seed}. */
    static long[] trialSeeds(long seed, int trials) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] seeds = new long[trials];
        for (int t = 0; t < trials; t++) {
            seeds[t] = random.nextLong();
        }
        return seeds;
    }

    /** The figures as a table, with what was attacked and how. */
    public void print(List<Outcome> outcomes, PrintStream out) {
        AttackPanel.Settings panel = settings.panel();
        PerturbationParameters p = settings.parameters();
        out.printf(Locale.ROOT, "Averaging attack on a known small group: %d trials, seed %d%n", settings.trials(),
                settings.seed());
        out.printf(Locale.ROOT, "Panel: %d partner(s), %d days from %s, %.1f respondents per partner and day on "
                        + "average (Poisson); fresh panel and record keys (HMAC-SHA256, fresh secret) each trial%n",
                panel.partners(), panel.days(), panel.start(), panel.respondentsPerDay());
        out.printf(Locale.ROOT, "Target: partner-1's respondents on %s (day %d), true count %d%n", panel.targetDate(),
                panel.targetDay() + 1, panel.trueCount());
        out.printf(Locale.ROOT, "Method: cell key, D=%d V=%s js=%d (PerturbationTable, CellKeyPerturbation); "
                        + "attack: least squares over every answer, rounded to the nearest count >= 0%n",
                p.d(), p.v(), p.js());
        out.println();
        out.printf(Locale.ROOT, "%-16s %9s %10s %9s %7s %6s  %-22s%n", "questions", "windows", "answers", "model sd",
                "rmse", "bias", "guessed the true count");
        for (Outcome o : outcomes) {
            double[] ci = o.interval95();
            out.printf(Locale.ROOT, "%-16s %9d %10d %9.3f %7.3f %+6.3f  %5.1f%% (%d/%d; 95%% CI %.1f-%.1f%%)%n",
                    o.questions().name(), o.windows(), o.answers(), o.modelStandardDeviation(), o.rootMeanSquareError(),
                    o.meanError(), 100 * o.rate(), o.hits(), o.trials(), 100 * ci[0], 100 * ci[1]);
        }
        out.println();
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, "%-16s %s%n", o.questions().name(), o.questions().description());
        }
        out.flush();
    }
}

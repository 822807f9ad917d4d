package org.medpulse.bench.disclosure;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.SplittableRandom;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.streams.state.RecordKeys;

/**
 * A seeded synthetic panel for the averaging attack: {@code partners} partners whose respondents answer
 * on every day of a period, a Poisson number a day each, with a practice type, a setting and a usage
 * frequency drawn from the study's rough shares, each respondent-wave with its real record key
 * (HMAC-SHA256 of a fresh secret, as {@link RecordKeys} computes it in production). The target group is
 * the first partner's respondents on one day: exactly {@code trueCount} of them.
 *
 * <p>The panel is held as per-day sums by cell (partner × practice type × setting × usage frequency):
 * the count and the key sum modulo 2^32 (int wrap-around), the two numbers every aggregate of the
 * streams application keeps. Prefix sums over days give any window's sums by one subtraction, key sums
 * included, since int arithmetic wraps.
 */
public final class AttackPanel {

    public static final int PRACTICE_TYPES = PracticeType.values().length;
    public static final int SETTINGS = PracticeSetting.values().length;
    public static final int FREQUENCIES = UsageFrequency.values().length;

    // Rough shares of the study MedPulse starts from (see the simulator): GPs and specialists alike,
    // most in private practice or hospital, 30% never using AI and about 40% several times a week or more.
    private static final double[] TYPE_SHARES = {0.45, 0.45, 0.10};
    private static final double[] SETTING_SHARES = {0.35, 0.40, 0.15, 0.10};
    private static final double[] FREQUENCY_SHARES = {0.30, 0.10, 0.10, 0.10, 0.15, 0.15, 0.10};
    private static final DateTimeFormatter WAVE = DateTimeFormatter.ofPattern("yyyy-MM");

    /**
     * @param partners           partners in the panel; the first one's respondents hold the target
     * @param start              the first day
     * @param days               days in the period
     * @param respondentsPerDay  mean respondents per partner and day (Poisson)
     * @param targetDay          the target's day, 0-based from {@code start}
     * @param trueCount          respondents of the first partner on the target day
     */
    public record Settings(int partners, LocalDate start, int days, double respondentsPerDay, int targetDay,
                           int trueCount) {

        public Settings {
            Objects.requireNonNull(start, "start");
            if (partners < 1) {
                throw new IllegalArgumentException("partners must be at least 1, was " + partners);
            }
            if (days < 1 || days > 3660) {
                throw new IllegalArgumentException("days must be between 1 and 3660, was " + days);
            }
            if (!(respondentsPerDay > 0 && respondentsPerDay <= 100)) {
                throw new IllegalArgumentException("respondents per day must be in (0, 100], was " + respondentsPerDay);
            }
            if (targetDay < 0 || targetDay >= days) {
                throw new IllegalArgumentException("target day must be between 0 and " + (days - 1) + ", was " + targetDay);
            }
            if (trueCount < 0) {
                throw new IllegalArgumentException("the true count cannot be negative, was " + trueCount);
            }
        }

        /** The first day of the standard panel. */
        public static final LocalDate STANDARD_START = LocalDate.of(2025, 1, 1);
        /** Days of the standard panel: 2025-01-01 to 2025-06-30. */
        public static final int STANDARD_DAYS = 181;

        /**
         * The panel the documented figures come from: 181 days from 2025-01-01 (six waves, one a month), the
         * target on the middle day, 2025-04-01.
         */
        public static Settings standard(int partners, double respondentsPerDay, int trueCount) {
            return new Settings(partners, STANDARD_START, STANDARD_DAYS, respondentsPerDay, STANDARD_DAYS / 2, trueCount);
        }

        /** The cells of the panel: partner × practice type × setting × usage frequency. */
        public int cells() {
            return partners * PRACTICE_TYPES * SETTINGS * FREQUENCIES;
        }

        public LocalDate targetDate() {
            return start.plusDays(targetDay);
        }
    }

    private final Settings settings;
    private final int cells;
    private final int[] prefixCounts;
    private final int[] prefixKeys;
    private final int respondents;

    private AttackPanel(Settings settings, int[] prefixCounts, int[] prefixKeys, int respondents) {
        this.settings = settings;
        this.cells = settings.cells();
        this.prefixCounts = prefixCounts;
        this.prefixKeys = prefixKeys;
        this.respondents = respondents;
    }

    /** The panel of one trial: the same {@code seed} gives the same respondents and the same record keys. */
    public static AttackPanel generate(Settings settings, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        RecordKeys keys = RecordKeys.withSecret(secret);
        int cells = settings.cells();
        int[] counts = new int[(settings.days() + 1) * cells];
        int[] keySums = new int[(settings.days() + 1) * cells];
        int respondents = 0;
        for (int day = 0; day < settings.days(); day++) {
            LocalDate date = settings.start().plusDays(day);
            String wave = WAVE.format(date);
            int row = (day + 1) * cells;
            System.arraycopy(counts, day * cells, counts, row, cells);
            System.arraycopy(keySums, day * cells, keySums, row, cells);
            for (int partner = 0; partner < settings.partners(); partner++) {
                int n = partner == 0 && day == settings.targetDay()
                        ? settings.trueCount()
                        : poisson(random, settings.respondentsPerDay());
                for (int r = 0; r < n; r++) {
                    int cell = cell(settings, partner, draw(random, TYPE_SHARES), draw(random, SETTING_SHARES),
                            draw(random, FREQUENCY_SHARES));
                    String respondent = "r-" + day + "-" + r;
                    counts[row + cell]++;
                    keySums[row + cell] += keys.of(wave, "partner-" + (partner + 1), respondent);
                    respondents++;
                }
            }
        }
        return new AttackPanel(settings, counts, keySums, respondents);
    }

    /** A cell's index: partner, practice type, setting and frequency in row-major order. */
    public static int cell(Settings settings, int partner, int practiceType, int setting, int frequency) {
        return ((partner * PRACTICE_TYPES + practiceType) * SETTINGS + setting) * FREQUENCIES + frequency;
    }

    public Settings settings() {
        return settings;
    }

    public int respondents() {
        return respondents;
    }

    /** Each cell's count over days {@code from..to} (0-based, inclusive), into {@code counts}. */
    void window(int from, int to, int[] counts, int[] keySums) {
        int upper = (to + 1) * cells;
        int lower = from * cells;
        for (int c = 0; c < cells; c++) {
            counts[c] = prefixCounts[upper + c] - prefixCounts[lower + c];
            keySums[c] = prefixKeys[upper + c] - prefixKeys[lower + c];
        }
    }

    /** Respondents of {@code partner} on {@code day}, from the sums (a check of the construction). */
    public int respondents(int partner, int day) {
        int[] counts = new int[cells];
        int[] keySums = new int[cells];
        window(day, day, counts, keySums);
        int total = 0;
        for (int t = 0; t < PRACTICE_TYPES; t++) {
            for (int s = 0; s < SETTINGS; s++) {
                for (int f = 0; f < FREQUENCIES; f++) {
                    total += counts[cell(settings, partner, t, s, f)];
                }
            }
        }
        return total;
    }

    private static int draw(SplittableRandom random, double[] shares) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int k = 0; k < shares.length - 1; k++) {
            cumulative += shares[k];
            if (u < cumulative) {
                return k;
            }
        }
        return shares.length - 1;
    }

    /** Knuth's method; the means here are small. */
    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}

package org.medpulse.producer.simulate;

import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate: a wave of {@code respondents} physicians spread over {@code partners} panel
 * partners, answering between {@code from} (inclusive) and {@code to} (exclusive). A share of
 * respondents resubmit a corrected answer later, and a share of submissions are delivered twice;
 * the {@link Disorder} of a partner's feed, none by default, adds deliveries the topology must
 * ignore. Respondents are asked about market drivers (schema v2) unless {@code asksDrivers} is
 * false, which simulates a panel surveyed before v2: every response then has {@code marketDrivers}
 * null (not asked), and is otherwise exactly the same. The same settings (seed included) always
 * give the same deliveries.
 */
public record PanelSettings(String wave, int respondents, int partners, Instant from, Instant to, long seed,
        double correctionShare, double duplicateShare, Disorder disorder, boolean asksDrivers) {

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_CORRECTION_SHARE = 0.05;
    public static final double DEFAULT_DUPLICATE_SHARE = 0.02;

    /**
     * Deliveries that must change nothing downstream, on top of the panel's own: a share of
     * respondents who also have an older answer, submitted up to three days before their first one
     * (never before {@code from}), delivered after it, out of order ({@code lateShare}); and a share
     * of submissions delivered again with other answers under the same response id and submission
     * time ({@code alteredRedeliveryShare}). Adding them changes none of the other deliveries.
     */
    public record Disorder(double lateShare, double alteredRedeliveryShare) {

        public static final Disorder NONE = new Disorder(0, 0);

        public Disorder {
            requireShare("late share", lateShare);
            requireShare("altered redelivery share", alteredRedeliveryShare);
        }

        boolean isNone() {
            return lateShare == 0 && alteredRedeliveryShare == 0;
        }
    }

    public PanelSettings {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(disorder, "disorder");
        if (respondents < 0) {
            throw new IllegalArgumentException("respondents must not be negative, got " + respondents);
        }
        if (partners < 1) {
            throw new IllegalArgumentException("partners must be at least 1, got " + partners);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: from " + from + " to " + to);
        }
        requireShare("correction share", correctionShare);
        requireShare("duplicate share", duplicateShare);
    }

    /** Asked about market drivers (v2). */
    public PanelSettings(String wave, int respondents, int partners, Instant from, Instant to, long seed,
            double correctionShare, double duplicateShare, Disorder disorder) {
        this(wave, respondents, partners, from, to, seed, correctionShare, duplicateShare, disorder, true);
    }

    /** No disorder; asked about market drivers (v2). */
    public PanelSettings(String wave, int respondents, int partners, Instant from, Instant to, long seed,
            double correctionShare, double duplicateShare) {
        this(wave, respondents, partners, from, to, seed, correctionShare, duplicateShare, Disorder.NONE);
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + share);
        }
    }

    /** One partner, the default seed and shares. */
    public static PanelSettings of(String wave, int respondents, Instant from, Instant to) {
        return new PanelSettings(wave, respondents, 1, from, to, DEFAULT_SEED, DEFAULT_CORRECTION_SHARE,
                DEFAULT_DUPLICATE_SHARE);
    }

    public PanelSettings withPartners(int partners) {
        return new PanelSettings(wave, respondents, partners, from, to, seed, correctionShare, duplicateShare, disorder,
                asksDrivers);
    }

    public PanelSettings withSeed(long seed) {
        return new PanelSettings(wave, respondents, partners, from, to, seed, correctionShare, duplicateShare, disorder,
                asksDrivers);
    }

    public PanelSettings withCorrectionShare(double share) {
        return new PanelSettings(wave, respondents, partners, from, to, seed, share, duplicateShare, disorder,
                asksDrivers);
    }

    public PanelSettings withDuplicateShare(double share) {
        return new PanelSettings(wave, respondents, partners, from, to, seed, correctionShare, share, disorder,
                asksDrivers);
    }

    public PanelSettings withDisorder(Disorder disorder) {
        return new PanelSettings(wave, respondents, partners, from, to, seed, correctionShare, duplicateShare, disorder,
                asksDrivers);
    }

    /**
     * Asked about market drivers ({@code true}, schema v2, the default) or not ({@code false}: as a
     * panel surveyed before v2, every {@code marketDrivers} null). Nothing else changes: the v1 and
     * v2 panels of the same settings give the same respondents the same other answers.
     */
    public PanelSettings withMarketDrivers(boolean asked) {
        return new PanelSettings(wave, respondents, partners, from, to, seed, correctionShare, duplicateShare, disorder,
                asked);
    }

    /** The id of partner {@code index} (0-based): {@code partner-1}, {@code partner-2}… */
    public String partnerId(int index) {
        return "partner-" + (index + 1);
    }
}

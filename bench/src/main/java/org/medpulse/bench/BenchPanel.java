package org.medpulse.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSettings.Disorder;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.producer.simulate.PanelWindow;

/**
 * The panel the benchmarks load, from the producer's simulator ({@link PanelSimulator}, the one
 * behind {@code medpulse simulate} and the demo): three monthly waves of 2025, five partners, about
 * 5% corrections, 2% redeliveries (half of them with other answers) and 1% older answers arriving
 * late. The simulator delivers the waves one after the other, each in its partners' delivery order.
 */
public final class BenchPanel {

    public static final List<String> WAVES = List.of("2025-04", "2025-05", "2025-06");
    public static final int PARTNERS = 5;
    /** The seed the benchmarks load with. */
    public static final long SEED = 20_250_601L;

    private static final double CORRECTION_SHARE = 0.05;
    private static final double DUPLICATE_SHARE = 0.01;
    private static final Disorder DISORDER = new Disorder(0.01, 0.01);

    private BenchPanel() {
    }

    /**
     * The waves of {@link #WAVES} with {@code respondentWaves} respondents in all, spread as evenly
     * as they go (earlier waves take the remainder; a wave left with none is left out), each over
     * its whole month, with the typical shares.
     */
    public static List<PanelSettings> typical(long respondentWaves, long seed) {
        List<PanelSettings> waves = new ArrayList<>();
        int count = WAVES.size();
        for (int i = 0; i < count; i++) {
            int respondents = Math.toIntExact(respondentWaves / count + (i < respondentWaves % count ? 1 : 0));
            if (respondents > 0) {
                PanelWindow month = PanelWindow.forWave(WAVES.get(i), Instant.now());
                waves.add(withTypicalShares(PanelSettings.of(WAVES.get(i), respondents, month.from(), month.to())
                        .withPartners(PARTNERS).withSeed(seed)));
            }
        }
        return List.copyOf(waves);
    }

    /** {@code settings} with the benchmarks' corrections, redeliveries and late answers. */
    public static PanelSettings withTypicalShares(PanelSettings settings) {
        return settings.withCorrectionShare(CORRECTION_SHARE).withDuplicateShare(DUPLICATE_SHARE)
                .withDisorder(DISORDER);
    }
}

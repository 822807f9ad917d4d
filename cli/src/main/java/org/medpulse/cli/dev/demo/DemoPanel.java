package org.medpulse.cli.dev.demo;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.medpulse.producer.simulate.PanelSettings;

/**
 * The demo's simulated panel: three yearly waves answered over their whole month by the same
 * partners. Each wave has its own fixed seed and window, so every start generates exactly the same
 * responses (same ids, same submission times): republishing them changes nothing downstream, since
 * the topology counts a redelivered submission once.
 */
public final class DemoPanel {

    /** The waves loaded at start-up, oldest first; the last one is the current wave the trickle feeds. */
    public static final List<String> WAVES = List.of("2024-06", "2025-06", "2026-06");
    public static final String CURRENT_WAVE = WAVES.get(WAVES.size() - 1);
    public static final int PARTNERS = 3;

    private static final long SEED = 20_250_601L;

    private DemoPanel() {
    }

    /** The settings of every loaded wave with {@code respondents} each. */
    public static List<PanelSettings> waves(int respondents) {
        return WAVES.stream().map(wave -> wave(wave, respondents)).toList();
    }

    static PanelSettings wave(String wave, int respondents) {
        YearMonth month = YearMonth.parse(wave);
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return PanelSettings.of(wave, respondents, from, to)
                .withPartners(PARTNERS)
                .withSeed(SEED + month.getYear());
    }
}

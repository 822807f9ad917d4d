package org.medpulse.chaos.panel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;

/**
 * The known panel of a game day: two waves (June 2025, surveyed before schema v2 and so not asked
 * about market drivers, and June 2026, asked), four partners, drawn by the producer's
 * {@link PanelSimulator} from the run's seed, with corrected resubmissions, duplicate deliveries
 * and older answers arriving late. Partners 1 and 2 send partner files (ingested by
 * the real ingest path), partners 3 and 4 are published as {@code medpulse simulate} does.
 *
 * <p>Exactly {@code responses} deliveries, the two waves' interleaved one for one. Redeliveries
 * with other answers under the same id and time ({@link PanelSettings.Disorder#alteredRedeliveryShare})
 * are left out: which of two such deliveries counts depends on the order they arrive in, which two
 * delivery paths and producer retries do not keep; every other delivery counts the same in any
 * order (the latest {@code submittedAt} wins, then the larger response id).
 */
public final class ChaosPanel {

    public static final List<String> WAVES = List.of("2025-06", "2026-06");
    /** The wave surveyed before schema v2: nobody in it was asked about market drivers. */
    public static final String V1_WAVE = "2025-06";
    public static final int PARTNERS = 4;
    /** Partners whose responses go through partner files and ingestion. */
    public static final Set<String> FILE_PARTNERS = Set.of("partner-1", "partner-2");

    static final double CORRECTION_SHARE = 0.08;
    static final double DUPLICATE_SHARE = 0.04;
    static final double LATE_SHARE = 0.03;
    /** Deliveries per respondent are about 1.15 with the shares above; aim lower so the panel never runs short. */
    private static final double DELIVERIES_PER_RESPONDENT = 1.05;

    private final long responses;
    private final List<PanelSettings> waves;

    private ChaosPanel(long responses, List<PanelSettings> waves) {
        this.responses = responses;
        this.waves = waves;
    }

    public static ChaosPanel of(long responses, long seed) {
        if (responses < 1 || responses > 50_000_000) {
            throw new IllegalArgumentException("responses must be 1 to 50,000,000, got " + responses);
        }
        int respondents = (int) Math.ceil(responses / (double) WAVES.size() / DELIVERIES_PER_RESPONDENT) + 10;
        List<PanelSettings> waves = new ArrayList<>();
        for (String wave : WAVES) {
            Instant from = Instant.parse(wave + "-01T00:00:00Z");
            Instant to = from.atZone(java.time.ZoneOffset.UTC).plusMonths(1).toInstant();
            waves.add(new PanelSettings(wave, respondents, PARTNERS, from, to, seed, CORRECTION_SHARE, DUPLICATE_SHARE,
                    new PanelSettings.Disorder(LATE_SHARE, 0)).withMarketDrivers(!wave.equals(V1_WAVE)));
        }
        return new ChaosPanel(responses, List.copyOf(waves));
    }

    public long responses() {
        return responses;
    }

    public List<PanelSettings> waves() {
        return waves;
    }

    public static boolean viaFiles(SurveyResponse response) {
        return FILE_PARTNERS.contains(response.getPartnerId());
    }

    /** The deliveries, in the order the game day sends them. */
    public Iterator<SurveyResponse> deliveries() {
        List<Iterator<SurveyResponse>> sources = waves.stream().map(w -> PanelSimulator.of(w).deliveries().iterator()).toList();
        return new Iterator<>() {
            private long sent;
            private int next;

            @Override
            public boolean hasNext() {
                return sent < responses && sources.stream().anyMatch(Iterator::hasNext);
            }

            @Override
            public SurveyResponse next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                for (int tries = 0; tries < sources.size(); tries++) {
                    Iterator<SurveyResponse> source = sources.get(next);
                    next = (next + 1) % sources.size();
                    if (source.hasNext()) {
                        sent++;
                        return source.next();
                    }
                }
                throw new NoSuchElementException();
            }
        };
    }
}

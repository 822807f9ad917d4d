package org.medpulse.streams.query.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.medpulse.avro.Barrier;
import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.BarrierCounts;
import org.medpulse.streams.state.Count;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /api/v1/waves/{wave}/barriers}: every barrier, most named first (as published), then by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "filter", "respondents", "suppressed", "barriers", "disclosure"})
public record BarriersReport(String wave, FilterEcho filter, long respondents, boolean suppressed, List<BarrierStatistic> barriers,
                             DisclosureBlock disclosure) {

    private static final Comparator<BarrierStatistic> MOST_NAMED_FIRST =
            Comparator.comparingLong(BarrierStatistic::count).reversed().thenComparing(BarrierStatistic::barrier);

    public static BarriersReport of(String wave, FilterEcho filter, BarrierCounts counts, Disclosure disclosure) {
        Count n = counts.respondentCount();
        long shown = disclosure.publish(n);
        if (disclosure.suppresses(n)) {
            return new BarriersReport(wave, filter, shown, true, null, disclosure.describe());
        }
        List<BarrierStatistic> barriers = Arrays.stream(Barrier.values())
                .map(b -> BarrierStatistic.of(b.name(), disclosure.statistic(counts.barrierCount(b), n)))
                .sorted(MOST_NAMED_FIRST)
                .toList();
        return new BarriersReport(wave, filter, shown, false, barriers, disclosure.describe());
    }

    @JsonPropertyOrder({"barrier", "count", "share", "ci95"})
    public record BarrierStatistic(String barrier, long count, BigDecimal share, List<BigDecimal> ci95) {
        static BarrierStatistic of(String barrier, Statistic statistic) {
            return new BarrierStatistic(barrier, statistic.count(), statistic.share(), statistic.ci95());
        }
    }
}

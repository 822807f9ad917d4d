package org.medpulse.streams.query.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.medpulse.avro.Barrier;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.BarrierCounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /api/v1/waves/{wave}/barriers}: every barrier, most named first, then by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "filter", "respondents", "suppressed", "barriers"})
public record BarriersReport(String wave, FilterEcho filter, long respondents, boolean suppressed, List<BarrierStatistic> barriers) {

    private static final Comparator<BarrierStatistic> MOST_NAMED_FIRST =
            Comparator.comparingLong(BarrierStatistic::count).reversed().thenComparing(BarrierStatistic::barrier);

    public static BarriersReport of(String wave, FilterEcho filter, BarrierCounts counts, SmallCellPolicy policy) {
        long n = counts.respondents();
        if (policy.suppresses(n)) {
            return new BarriersReport(wave, filter, n, true, null);
        }
        List<BarrierStatistic> barriers = Arrays.stream(Barrier.values())
                .map(b -> BarrierStatistic.of(b.name(), Statistic.of(counts.barrier(b), n)))
                .sorted(MOST_NAMED_FIRST)
                .toList();
        return new BarriersReport(wave, filter, n, false, barriers);
    }

    @JsonPropertyOrder({"barrier", "count", "share", "ci95"})
    public record BarrierStatistic(String barrier, long count, BigDecimal share, List<BigDecimal> ci95) {
        static BarrierStatistic of(String barrier, Statistic statistic) {
            return new BarrierStatistic(barrier, statistic.count(), statistic.share(), statistic.ci95());
        }
    }
}

package org.medpulse.streams.query.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.medpulse.avro.MarketDriver;
import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.DriverCounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code GET /api/v1/waves/{wave}/drivers}: every market driver, most named first (as published),
 * then by name, among the respondents who were asked (v2 responses with the column); respondents
 * not asked (v1, or files without the column) are counted in {@code respondents}, not in {@code asked}.
 * Suppressed, like any result, when too few were asked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"wave", "filter", "respondents", "asked", "suppressed", "drivers", "disclosure"})
public record DriversReport(String wave, FilterEcho filter, long respondents, long asked, boolean suppressed,
                            List<DriverStatistic> drivers, DisclosureBlock disclosure) {

    private static final Comparator<DriverStatistic> MOST_NAMED_FIRST =
            Comparator.comparingLong(DriverStatistic::count).reversed().thenComparing(DriverStatistic::driver);

    public static DriversReport of(String wave, FilterEcho filter, Count respondents, DriverCounts counts,
                                   Disclosure disclosure) {
        Count asked = counts.askedCount();
        long shownRespondents = disclosure.publish(respondents);
        long shownAsked = disclosure.publish(asked);
        if (disclosure.suppresses(asked)) {
            return new DriversReport(wave, filter, shownRespondents, shownAsked, true, null, disclosure.describe());
        }
        List<DriverStatistic> drivers = Arrays.stream(MarketDriver.values())
                .map(d -> DriverStatistic.of(d.name(), disclosure.statistic(counts.driverCount(d), asked)))
                .sorted(MOST_NAMED_FIRST)
                .toList();
        return new DriversReport(wave, filter, shownRespondents, shownAsked, false, drivers, disclosure.describe());
    }

    @JsonPropertyOrder({"driver", "count", "share", "ci95"})
    public record DriverStatistic(String driver, long count, BigDecimal share, List<BigDecimal> ci95) {
        static DriverStatistic of(String driver, Statistic statistic) {
            return new DriverStatistic(driver, statistic.count(), statistic.share(), statistic.ci95());
        }
    }
}

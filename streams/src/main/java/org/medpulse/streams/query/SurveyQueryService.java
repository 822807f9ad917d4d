package org.medpulse.streams.query;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.query.report.BarriersReport;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.query.report.RollingUsageReport;
import org.medpulse.streams.query.report.ToolTrendReport;
import org.medpulse.streams.query.report.ToolsReport;
import org.medpulse.streams.query.report.UsageReport;
import org.medpulse.streams.query.report.UsageStatistics;
import org.medpulse.streams.query.report.WaveTotalsEvent;
import org.medpulse.streams.query.report.WavesReport;

/**
 * Turns the reader's counts into the API's results: statistics, sort orders, tool names and
 * small-cell suppression, each decided here and nowhere else. Stateless and thread-safe; the
 * catalogue is read per request because operators extend it at runtime.
 */
public final class SurveyQueryService {

    private final SurveyStatsReader reader;
    private final Supplier<ToolCatalogue> catalogue;
    private final SmallCellPolicy policy;

    public SurveyQueryService(SurveyStatsReader reader, Supplier<ToolCatalogue> catalogue, SmallCellPolicy policy) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public SmallCellPolicy policy() {
        return policy;
    }

    public QueryResult<WavesReport> waves(ReadOptions options) {
        return reader.waves(options).map(WavesReport::of);
    }

    public QueryResult<UsageReport> usage(String wave, SurveyFilter filter, ReadOptions options) {
        return reader.usage(wave, filter, options)
                .map(counts -> new UsageReport(wave, FilterEcho.of(filter), UsageStatistics.of(counts, policy)));
    }

    public QueryResult<BarriersReport> barriers(String wave, SurveyFilter filter, ReadOptions options) {
        return reader.barriers(wave, filter, options)
                .map(counts -> BarriersReport.of(wave, FilterEcho.of(filter), counts, policy));
    }

    /** Tools with at least one user, most used first then by id, the first {@code top} of them if given. */
    public QueryResult<ToolsReport> tools(String wave, SurveyFilter filter, OptionalInt top, ReadOptions options) {
        return reader.tools(wave, filter, options).map(counts -> {
            long n = counts.respondents();
            if (policy.suppresses(n)) {
                return new ToolsReport(wave, FilterEcho.of(filter), n, true, null);
            }
            ToolCatalogue names = catalogue.get();
            List<ToolsReport.ToolStatistic> tools = counts.tools().entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, ToolTally> e) -> e.getValue().users()).reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(top.orElse(Integer.MAX_VALUE))
                    .map(e -> {
                        ToolEntry entry = describe(names, e.getKey());
                        return new ToolsReport.ToolStatistic(entry.id(), entry.name(), entry.known(),
                                Statistic.of(e.getValue().users(), n), Statistic.of(e.getValue().regularUsers(), n));
                    })
                    .toList();
            return new ToolsReport(wave, FilterEcho.of(filter), n, false, tools);
        });
    }

    public QueryResult<RollingUsageReport> rollingUsage(DayRange days, SurveyFilter filter, ReadOptions options) {
        return reader.usageByDays(days, filter, options)
                .map(counts -> new RollingUsageReport(days.from().toString(), days.until().toString(),
                        FilterEcho.of(filter), UsageStatistics.of(counts, policy)));
    }

    /**
     * One tool across every wave. {@code tool} may be the id, the name or any alias; a name the
     * catalogue does not know is looked up by its slug, as ingestion stores unknown tools.
     */
    public QueryResult<ToolTrendReport> toolTrend(String tool, SurveyFilter filter, ReadOptions options) {
        ToolCatalogue names = catalogue.get();
        ToolEntry entry = names.find(tool).orElseGet(() -> ToolEntry.unknown(ToolCatalogue.slug(tool), ToolCatalogue.slug(tool)));
        if (entry.id().isEmpty()) {
            return unknownTool(tool);
        }
        return reader.toolTrend(entry.id(), filter, options).flatMap(trend -> {
            if (!entry.known() && !trend.named()) {
                return unknownTool(tool);
            }
            List<ToolTrendReport.Point> points = trend.waves().stream()
                    .sorted(Comparator.comparing(ToolTrendTotals.WaveTally::wave))
                    .map(this::point)
                    .toList();
            return QueryResult.success(new ToolTrendReport(entry.id(), entry.name(), entry.known(), FilterEcho.of(filter), points));
        });
    }

    /** Every wave's headline figures as stream events, suppressed like any result. */
    public QueryResult<List<WaveTotalsEvent>> waveTotals(ReadOptions options) {
        return reader.waveTotals(options).map(totals -> totals.stream().map(this::event).toList());
    }

    public WaveTotalsEvent event(WaveTotals totals) {
        return WaveTotalsEvent.of(totals, policy);
    }

    private ToolTrendReport.Point point(ToolTrendTotals.WaveTally tally) {
        long n = tally.respondents();
        if (policy.suppresses(n)) {
            return new ToolTrendReport.Point(tally.wave(), n, true, null, null);
        }
        return new ToolTrendReport.Point(tally.wave(), n, false,
                Statistic.of(tally.tally().users(), n), Statistic.of(tally.tally().regularUsers(), n));
    }

    /** The catalogue's entry for an id, or an unknown entry named after its slug. */
    private static ToolEntry describe(ToolCatalogue names, String id) {
        return names.byId(id).orElseGet(() -> ToolEntry.unknown(id, id));
    }

    private static <T> QueryResult<T> unknownTool(String tool) {
        return QueryResult.failure(FailureReason.UNKNOWN_TOOL,
                "Unknown tool '" + tool + "': not in the catalogue and named by no response");
    }
}

package org.medpulse.streams.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the survey aggregates the topology maintains. Each method answers with counts summed over
 * the cells the filter keeps, complete across every partition (an implementation reads its local
 * stores and asks its peers for the rest), or with a {@link QueryResult.Failure}: a reader never
 * throws for an expected situation and never returns partial data.
 *
 * <p>The shape follows the stores' key layouts, so a store-backed implementation answers each
 * method with range scans: {@code wave|partner|practiceType|setting} for the per-wave stores
 * (usage, barriers, tools), {@code day|partner|practiceType|setting} for rolling usage, and the
 * {@code waves} store for wave summaries. Counts hold no statistics and no suppression: those are
 * the {@link SurveyQueryService}'s job, in one place.
 */
public interface SurveyStatsReader {

    /** Every wave with at least one respondent, sorted by wave. */
    QueryResult<List<WaveSummary>> waves(ReadOptions options);

    /** Usage in a wave; {@link FailureReason#UNKNOWN_WAVE} when the wave has no respondent at all. */
    QueryResult<UsageCounts> usage(String wave, SurveyFilter filter, ReadOptions options);

    /** Barriers in a wave; {@link FailureReason#UNKNOWN_WAVE} when the wave has no respondent at all. */
    QueryResult<BarrierCounts> barriers(String wave, SurveyFilter filter, ReadOptions options);

    /** Tool adoption in a wave; {@link FailureReason#UNKNOWN_WAVE} when the wave has no respondent at all. */
    QueryResult<ToolCounts> tools(String wave, SurveyFilter filter, ReadOptions options);

    /**
     * Usage over latest responses submitted on the UTC days of {@code days}: a respondent who
     * answered two waves inside the range counts once per wave. Never unknown: empty days are zeros.
     */
    QueryResult<UsageCounts> usageByDays(DayRange days, SurveyFilter filter, ReadOptions options);

    /**
     * One tool's adoption across every wave. The default asks {@link #tools} wave by wave; an
     * implementation with a tool-first key layout can do better.
     */
    default QueryResult<ToolTrendCounts> toolTrend(String toolId, SurveyFilter filter, ReadOptions options) {
        return waves(options).flatMap(waves -> {
            List<ToolTrendCounts.WaveTally> tallies = new ArrayList<>(waves.size());
            boolean named = false;
            for (WaveSummary wave : waves) {
                QueryResult<ToolCounts> filtered = tools(wave.wave(), filter, options);
                if (!filtered.isSuccess()) {
                    return ((QueryResult.Failure<ToolCounts>) filtered).cast();
                }
                ToolCounts counts = filtered.value();
                tallies.add(new ToolTrendCounts.WaveTally(wave.wave(), counts.respondents(), counts.tool(toolId)));
                if (!named) {
                    QueryResult<ToolCounts> everyone = filter.matchesEverything()
                            ? filtered : tools(wave.wave(), SurveyFilter.all(), options);
                    if (!everyone.isSuccess()) {
                        return ((QueryResult.Failure<ToolCounts>) everyone).cast();
                    }
                    named = everyone.value().tool(toolId).users() > 0;
                }
            }
            return QueryResult.success(new ToolTrendCounts(toolId, named, tallies));
        });
    }

    /**
     * Every wave's headline figures, for the live stream. The default sums each wave's usage; a
     * store-backed implementation may keep them at hand.
     */
    default QueryResult<List<WaveTotals>> waveTotals(ReadOptions options) {
        return waves(options).flatMap(waves -> {
            List<WaveTotals> totals = new ArrayList<>(waves.size());
            for (WaveSummary wave : waves) {
                QueryResult<UsageCounts> usage = usage(wave.wave(), SurveyFilter.all(), options);
                if (!usage.isSuccess()) {
                    return ((QueryResult.Failure<UsageCounts>) usage).cast();
                }
                totals.add(new WaveTotals(wave.wave(), usage.value().respondents(), usage.value().regularUsers()));
            }
            return QueryResult.success(totals);
        });
    }
}

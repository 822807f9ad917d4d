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
    QueryResult<List<WaveOverview>> waves(ReadOptions options);

    /** Usage in a wave; {@link FailureReason#UNKNOWN_WAVE} when the wave has no respondent at all. */
    QueryResult<UsageTotals> usage(String wave, SurveyFilter filter, ReadOptions options);

    /** Barriers in a wave; {@link FailureReason#UNKNOWN_WAVE} when the wave has no respondent at all. */
    QueryResult<BarrierTotals> barriers(String wave, SurveyFilter filter, ReadOptions options);

    /** Tool adoption in a wave; {@link FailureReason#UNKNOWN_WAVE} when the wave has no respondent at all. */
    QueryResult<ToolTotals> tools(String wave, SurveyFilter filter, ReadOptions options);

    /**
     * Usage over latest responses submitted on the UTC days of {@code days}: a respondent who
     * answered two waves inside the range counts once per wave. Never unknown: empty days are zeros.
     */
    QueryResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter, ReadOptions options);

    /**
     * One tool's adoption across every wave. The default asks {@link #tools} wave by wave; an
     * implementation with a tool-first key layout can do better.
     */
    default QueryResult<ToolTrendTotals> toolTrend(String toolId, SurveyFilter filter, ReadOptions options) {
        return waves(options).flatMap(waves -> {
            List<ToolTrendTotals.WaveTally> tallies = new ArrayList<>(waves.size());
            boolean named = false;
            for (WaveOverview wave : waves) {
                QueryResult<ToolTotals> filtered = tools(wave.wave(), filter, options);
                if (!filtered.isSuccess()) {
                    return ((QueryResult.Failure<ToolTotals>) filtered).cast();
                }
                ToolTotals counts = filtered.value();
                tallies.add(new ToolTrendTotals.WaveTally(wave.wave(), counts.respondents(), counts.tool(toolId)));
                if (!named) {
                    QueryResult<ToolTotals> everyone = filter.matchesEverything()
                            ? filtered : tools(wave.wave(), SurveyFilter.all(), options);
                    if (!everyone.isSuccess()) {
                        return ((QueryResult.Failure<ToolTotals>) everyone).cast();
                    }
                    named = everyone.value().tool(toolId).users() > 0;
                }
            }
            return QueryResult.success(new ToolTrendTotals(toolId, named, tallies));
        });
    }

    /**
     * Every wave's headline figures, for the live stream. The default sums each wave's usage; a
     * store-backed implementation may keep them at hand.
     */
    default QueryResult<List<WaveTotals>> waveTotals(ReadOptions options) {
        return waves(options).flatMap(waves -> {
            List<WaveTotals> totals = new ArrayList<>(waves.size());
            for (WaveOverview wave : waves) {
                QueryResult<UsageTotals> usage = usage(wave.wave(), SurveyFilter.all(), options);
                if (!usage.isSuccess()) {
                    return ((QueryResult.Failure<UsageTotals>) usage).cast();
                }
                totals.add(new WaveTotals(wave.wave(), usage.value().respondents(), usage.value().regularUsers()));
            }
            return QueryResult.success(totals);
        });
    }
}

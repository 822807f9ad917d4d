package org.medpulse.streams.query.routing;

import java.util.List;

import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.ToolTotals;
import org.medpulse.streams.query.ToolTrendTotals;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.WaveOverview;
import org.medpulse.streams.query.WaveTotals;

/**
 * The stores of one partition on this instance: each method scans a key range, keeps the cells the
 * filter matches and sums them. Partial by nature: other partitions hold other respondents.
 */
public interface PartitionReader {

    PartitionResult<List<WaveOverview>> waves();

    PartitionResult<InWave<UsageTotals>> usage(String wave, SurveyFilter filter);

    PartitionResult<InWave<BarrierTotals>> barriers(String wave, SurveyFilter filter);

    PartitionResult<InWave<ToolTotals>> tools(String wave, SurveyFilter filter);

    PartitionResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter);

    /** One entry per wave of this partition; {@code named} over every cell, whatever the filter. */
    PartitionResult<ToolTrendTotals> toolTrend(String toolId, SurveyFilter filter);

    PartitionResult<List<WaveTotals>> waveTotals();
}

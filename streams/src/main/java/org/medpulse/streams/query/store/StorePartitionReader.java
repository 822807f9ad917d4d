package org.medpulse.streams.query.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.apache.kafka.streams.query.RangeQuery;
import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.ToolTotals;
import org.medpulse.streams.query.ToolTrendTotals;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.WaveOverview;
import org.medpulse.streams.query.WaveTotals;
import org.medpulse.streams.query.routing.InWave;
import org.medpulse.streams.query.routing.PartitionReader;
import org.medpulse.streams.query.routing.PartitionResult;
import org.medpulse.streams.state.BarrierCounts;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.DayKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.UsageCounts;
import org.medpulse.streams.state.WaveSummary;

/**
 * One partition's stores on this instance, read with IQv2: every question is a few range scans
 * over {@code wave|…}, {@code wave|tool|…} or {@code day|…} prefixes whose cells are kept when the
 * filter matches, and summed. A failed scan is the partition's answer (see {@link StoreScanner}).
 */
final class StorePartitionReader implements PartitionReader {

    private final StoreScanner scanner;
    private final int partition;
    private final boolean requireActive;

    StorePartitionReader(StoreScanner scanner, int partition, ReadOptions options) {
        this.scanner = scanner;
        this.partition = partition;
        this.requireActive = !options.isStaleAllowed();
    }

    @Override
    public PartitionResult<List<WaveOverview>> waves() {
        List<WaveOverview> waves = new ArrayList<>();
        return scan(SurveyStores.WAVES, RangeQuery.<String, WaveSummary>withNoBounds(),
                (wave, summary) -> waves.add(new WaveOverview(wave, summary.respondents(),
                        summary.firstSubmittedAt(), summary.lastSubmittedAt())))
                .map(done -> List.copyOf(waves));
    }

    @Override
    public PartitionResult<InWave<UsageTotals>> usage(String wave, SurveyFilter filter) {
        return waveSeen(wave).flatMap(seen -> usageOf(wave, filter).map(totals -> new InWave<>(seen, totals)));
    }

    @Override
    public PartitionResult<InWave<BarrierTotals>> barriers(String wave, SurveyFilter filter) {
        BarrierTotals.Builder totals = BarrierTotals.builder();
        return waveSeen(wave).flatMap(seen -> scan(SurveyStores.BARRIERS_BY_WAVE, CellKey.ofWave(wave).<BarrierCounts>toQuery(),
                (CellKey key, BarrierCounts cell) -> {
                    if (matches(filter, key.cell())) {
                        StoreTotals.add(totals, cell);
                    }
                }).map(done -> new InWave<>(seen, totals.build())));
    }

    @Override
    public PartitionResult<InWave<ToolTotals>> tools(String wave, SurveyFilter filter) {
        return waveSeen(wave).flatMap(seen -> usageOf(wave, filter).flatMap(usage -> {
            ToolTotals.Builder totals = ToolTotals.builder().respondents(usage.respondents());
            return scan(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWave(wave).<ToolCounts>toQuery(), (ToolKey key, ToolCounts cell) -> {
                if (matches(filter, key.cell())) {
                    totals.tool(key.tool(), StoreTotals.tally(cell));
                }
            }).map(done -> new InWave<>(seen, totals.build()));
        }));
    }

    @Override
    public PartitionResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter) {
        UsageTotals.Builder totals = UsageTotals.builder();
        return scan(SurveyStores.USAGE_BY_DAY, DayKey.ofDays(days.from(), days.until()).<UsageCounts>toQuery(),
                (DayKey key, UsageCounts cell) -> {
                    if (matches(filter, key.cell())) {
                        StoreTotals.add(totals, cell);
                    }
                }).map(done -> totals.build());
    }

    @Override
    public PartitionResult<ToolTrendTotals> toolTrend(String toolId, SurveyFilter filter) {
        return waves().flatMap(waves -> {
            PartitionResult<ToolTrendTotals> trend = PartitionResult.answered(new ToolTrendTotals(toolId, false, List.of()));
            for (WaveOverview wave : waves) {
                trend = trend.flatMap(sofar -> toolInWave(toolId, wave.wave(), filter).map(point -> append(sofar, point)));
            }
            return trend;
        });
    }

    /** The tool in one wave: the filtered tally, and whether anyone at all in this partition named it. */
    private PartitionResult<ToolTrendTotals> toolInWave(String toolId, String wave, SurveyFilter filter) {
        return usageOf(wave, filter).flatMap(usage -> {
            ToolTotals.Builder filtered = ToolTotals.builder();
            ToolTotals.Builder everyone = ToolTotals.builder();
            return scan(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWaveAndTool(wave, toolId).<ToolCounts>toQuery(),
                    (ToolKey key, ToolCounts cell) -> {
                        everyone.tool(toolId, StoreTotals.tally(cell));
                        if (matches(filter, key.cell())) {
                            filtered.tool(toolId, StoreTotals.tally(cell));
                        }
                    }).map(done -> new ToolTrendTotals(toolId, everyone.build().tool(toolId).users() > 0,
                    List.of(new ToolTrendTotals.WaveTally(wave, usage.respondents(), filtered.build().tool(toolId)))));
        });
    }

    private static ToolTrendTotals append(ToolTrendTotals sofar, ToolTrendTotals wave) {
        List<ToolTrendTotals.WaveTally> waves = new ArrayList<>(sofar.waves());
        waves.addAll(wave.waves());
        return new ToolTrendTotals(sofar.toolId(), sofar.named() || wave.named(), waves);
    }

    @Override
    public PartitionResult<List<WaveTotals>> waveTotals() {
        Map<String, long[]> byWave = new TreeMap<>();
        return scan(SurveyStores.USAGE_BY_WAVE, RangeQuery.<CellKey, UsageCounts>withNoBounds(), (CellKey key, UsageCounts cell) -> {
            long[] sums = byWave.computeIfAbsent(key.wave(), w -> new long[2]);
            sums[0] += cell.respondents();
            sums[1] += cell.regularUsers();
        }).map(done -> byWave.entrySet().stream()
                .map(e -> new WaveTotals(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList());
    }

    private PartitionResult<UsageTotals> usageOf(String wave, SurveyFilter filter) {
        UsageTotals.Builder totals = UsageTotals.builder();
        return scan(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave).<UsageCounts>toQuery(), (CellKey key, UsageCounts cell) -> {
            if (matches(filter, key.cell())) {
                StoreTotals.add(totals, cell);
            }
        }).map(done -> totals.build());
    }

    /** Whether this partition has any respondent of {@code wave}: its entry in the {@code waves} store. */
    private PartitionResult<Boolean> waveSeen(String wave) {
        boolean[] seen = {false};
        return scan(SurveyStores.WAVES, RangeQuery.<String, WaveSummary>withRange(wave, wave), (w, summary) -> seen[0] = true)
                .map(done -> seen[0]);
    }

    private static boolean matches(SurveyFilter filter, Cell cell) {
        return filter.matches(cell.partner(), cell.practiceType(), cell.setting());
    }

    /** Runs a range query on this partition and hands every entry to {@code visit}. */
    private <K, V> PartitionResult<Boolean> scan(String store, RangeQuery<K, V> range, BiConsumer<K, V> visit) {
        return scanner.scan(store, partition, range, requireActive).map(entries -> {
            entries.forEach(entry -> visit.accept(entry.key, entry.value));
            return true;
        });
    }
}

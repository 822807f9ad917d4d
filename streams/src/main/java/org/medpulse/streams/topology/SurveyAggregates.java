package org.medpulse.streams.topology;

import java.util.function.BinaryOperator;
import java.util.function.Predicate;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medpulse.streams.state.BarrierCounts;
import org.medpulse.streams.state.Cell;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.DayKey;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.LatestKey;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.ToolUse;
import org.medpulse.streams.state.UsageCounts;
import org.medpulse.streams.state.WaveSummary;

/**
 * The aggregate stores of one task, updated by whole contributions: a response that stops being
 * a respondent's latest is subtracted from every key it was added to (its cell, its day, each of
 * its tools), then its successor is added. Keys whose counts fall to zero are deleted.
 */
final class SurveyAggregates {

    private final KeyValueStore<LatestKey, LatestResponse> latest;
    private final KeyValueStore<CellKey, UsageCounts> usageByWave;
    private final KeyValueStore<CellKey, BarrierCounts> barriersByWave;
    private final KeyValueStore<ToolKey, ToolCounts> toolsByWave;
    private final KeyValueStore<DayKey, UsageCounts> usageByDay;
    private final KeyValueStore<String, WaveSummary> waves;
    private final KnownRespondents known;

    /** Called when the task starts processing, once its stores are restored. */
    SurveyAggregates(ProcessorContext<?, ?> context) {
        latest = context.getStateStore(SurveyStores.RESPONSES_LATEST);
        known = knownRespondents(latest);
        // Write-behind stores (SurveyStores): these updates reach the store layers once per key and commit.
        usageByWave = context.getStateStore(SurveyStores.USAGE_BY_WAVE);
        barriersByWave = context.getStateStore(SurveyStores.BARRIERS_BY_WAVE);
        toolsByWave = context.getStateStore(SurveyStores.TOOLS_BY_WAVE);
        usageByDay = context.getStateStore(SurveyStores.USAGE_BY_DAY);
        waves = context.getStateStore(SurveyStores.WAVES);
    }

    LatestResponse latest(LatestKey key) {
        return known.mayHold(key) ? latest.get(key) : null;
    }

    /**
     * Makes {@code current} the latest response of {@code key}'s respondent in the wave, in place
     * of {@code previous} (null for the respondent's first response in the wave).
     */
    void replace(String wave, String partner, LatestKey key, LatestResponse previous, LatestResponse current) {
        latest.put(key, current);
        known.add(key);
        if (previous != null) {
            contribute(wave, partner, previous, -1);
        }
        contribute(wave, partner, current, 1);
        updateWave(wave, previous, current);
    }

    // A task that restarts, moves or recovers reads its respondent-waves back once, against a
    // lookup saved for every first response after.
    private static KnownRespondents knownRespondents(KeyValueStore<LatestKey, LatestResponse> latest) {
        KnownRespondents known = new KnownRespondents(latest.approximateNumEntries());
        try (KeyValueIterator<LatestKey, LatestResponse> all = latest.all()) {
            while (all.hasNext()) {
                known.add(all.next().key);
            }
        }
        return known;
    }

    private void contribute(String wave, String partner, LatestResponse response, int sign) {
        Cell cell = response.cell(partner);
        CellKey cellKey = CellKey.of(wave, cell);
        UsageCounts usage = UsageCounts.of(response);
        merge(usageByWave, cellKey, usage, sign, UsageCounts::plus, UsageCounts::minus, UsageCounts::isEmpty);
        merge(usageByDay, DayKey.of(response.day(), wave, cell), usage, sign,
                UsageCounts::plus, UsageCounts::minus, UsageCounts::isEmpty);
        merge(barriersByWave, cellKey, BarrierCounts.of(response), sign,
                BarrierCounts::plus, BarrierCounts::minus, BarrierCounts::isEmpty);
        for (ToolUse tool : response.tools()) {
            merge(toolsByWave, ToolKey.of(wave, tool.tool(), cell), ToolCounts.of(tool), sign,
                    ToolCounts::plus, ToolCounts::minus, ToolCounts::isEmpty);
        }
    }

    private static <K, V> void merge(KeyValueStore<K, V> store, K key, V contribution, int sign,
            BinaryOperator<V> plus, BinaryOperator<V> minus, Predicate<V> isEmpty) {
        V existing = store.get(key);
        V updated;
        if (sign > 0) {
            updated = existing == null ? contribution : plus.apply(existing, contribution);
        } else if (existing == null) {
            throw new IllegalStateException("Cannot retract a response from " + key + ": the aggregate is missing");
        } else {
            updated = minus.apply(existing, contribution);
        }
        if (isEmpty.test(updated)) {
            store.delete(key);
        } else {
            store.put(key, updated);
        }
    }

    // A successor is never earlier than what it replaces, so the last submission only moves
    // forward; the first one must be searched again only when its own response was replaced by a
    // later one.
    private void updateWave(String wave, LatestResponse previous, LatestResponse current) {
        WaveSummary summary = waves.get(wave);
        long submittedAt = current.submittedAtMillis();
        if (previous == null) {
            summary = summary == null
                    ? WaveSummary.of(submittedAt)
                    : new WaveSummary(summary.respondents() + 1,
                            Math.min(summary.firstSubmittedAtMillis(), submittedAt),
                            Math.max(summary.lastSubmittedAtMillis(), submittedAt));
        } else {
            if (summary == null) {
                throw new IllegalStateException("Wave " + wave + " has a latest response but no summary");
            }
            long first = summary.firstSubmittedAtMillis();
            if (previous.submittedAtMillis() == first && submittedAt > first) {
                first = earliestSubmission(wave);
            }
            summary = new WaveSummary(summary.respondents(), first,
                    Math.max(summary.lastSubmittedAtMillis(), submittedAt));
        }
        waves.put(wave, summary);
    }

    private long earliestSubmission(String wave) {
        KeyRange<LatestKey> range = LatestKey.ofWave(wave);
        long earliest = Long.MAX_VALUE;
        try (KeyValueIterator<LatestKey, LatestResponse> responses = latest.range(range.from(), range.to())) {
            while (responses.hasNext()) {
                earliest = Math.min(earliest, responses.next().value.submittedAtMillis());
            }
        }
        return earliest;
    }
}

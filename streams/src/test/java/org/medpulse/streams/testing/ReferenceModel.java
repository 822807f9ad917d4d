package org.medpulse.streams.testing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.RecordKeys;
import org.medpulse.streams.state.ToolUse;
import org.medpulse.streams.state.WaveSummary;

/**
 * The semantics of issue 4 computed the plain way: keep each respondent's latest response per
 * wave in a map, then count everything from scratch. No deltas, no retractions, no store code:
 * if the topology's incremental bookkeeping drifts, the two disagree.
 */
public final class ReferenceModel {

    private static final Set<UsageFrequency> REGULAR = EnumSet.of(UsageFrequency.SEVERAL_TIMES_A_WEEK,
            UsageFrequency.DAILY, UsageFrequency.SEVERAL_TIMES_A_DAY);

    private final Map<String, Latest> latest = new LinkedHashMap<>();
    private final RecordKeys recordKeys;
    private ToolCatalogue catalogue;

    /** A model of an application whose record-key secret is {@link TopologyFixture#RECORD_KEY_SECRET}. */
    public ReferenceModel() {
        this(ToolCatalogue.builtIn());
    }

    public ReferenceModel(ToolCatalogue catalogue) {
        this(catalogue, TopologyFixture.RECORD_KEY_SECRET);
    }

    /** A model of an application whose record-key secret is {@code recordKeySecret}. */
    public ReferenceModel(ToolCatalogue catalogue, String recordKeySecret) {
        this.catalogue = catalogue;
        this.recordKeys = RecordKeys.withSecret(recordKeySecret);
    }

    /** The catalogue responses accepted from now on are normalised with. */
    public void useCatalogue(ToolCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Applies one record of the input topic, in arrival order. */
    public void accept(String key, SurveyResponse response) {
        if (!isValid(key, response)) {
            return;
        }
        String id = response.getWaveId() + "|" + response.getPartnerId() + "|" + response.getRespondentId();
        Latest current = latest.get(id);
        long at = response.getSubmittedAt().toEpochMilli();
        boolean newer = current == null || at > current.value.submittedAtMillis()
                || (at == current.value.submittedAtMillis()
                        && response.getResponseId().compareTo(current.value.responseId()) > 0);
        if (newer) {
            latest.put(id, new Latest(response.getWaveId(), response.getPartnerId(), response, toLatest(response, at)));
        }
    }

    public static boolean isValid(String key, SurveyResponse response) {
        return response != null && !response.getWaveId().isBlank() && !response.getRespondentId().isBlank()
                && !response.getPartnerId().isBlank() && !response.getResponseId().isBlank()
                && (response.getPartnerId() + "/" + response.getRespondentId()).equals(key);
    }

    private LatestResponse toLatest(SurveyResponse response, long at) {
        Map<String, Boolean> tools = new TreeMap<>();
        for (ToolUsage usage : response.getTools()) {
            ToolEntry entry = catalogue.resolve(usage.getTool());
            if (!entry.id().isEmpty()) {
                boolean regular = usage.getFrequency() != null && REGULAR.contains(usage.getFrequency());
                tools.merge(entry.id(), regular, (a, b) -> a || b);
            }
        }
        List<ToolUse> uses = new ArrayList<>();
        tools.forEach((tool, regular) -> uses.add(new ToolUse(tool, regular)));
        return LatestResponse.of(response.getResponseId(), at, response.getPracticeType(), response.getSetting(),
                response.getUsageFrequency(), response.getUseCases(), response.getExpectedFutureUseCases(),
                response.getBarriers(), uses, response.getMarketDrivers(),
                recordKeys.of(response.getWaveId(), response.getPartnerId(), response.getRespondentId()));
    }

    /** What every store must hold after the records accepted so far. */
    public StoreContents expected() {
        Map<String, LatestResponse> latestByKey = new TreeMap<>();
        Map<String, Map<String, Integer>> usageByWave = new TreeMap<>();
        Map<String, Map<String, Integer>> barriers = new TreeMap<>();
        Map<String, Map<String, Integer>> drivers = new TreeMap<>();
        Map<String, Map<String, Integer>> tools = new TreeMap<>();
        Map<String, Map<String, Integer>> usageByDay = new TreeMap<>();
        Map<String, WaveSummary> waves = new TreeMap<>();
        latest.forEach((id, entry) -> {
            LatestResponse r = entry.value;
            latestByKey.put(id, r);
            String cell = entry.partner + "|" + r.practiceType() + "|" + r.setting();
            String day = Instant.ofEpochMilli(r.submittedAtMillis()).atZone(ZoneOffset.UTC).toLocalDate().toString();
            int key = r.recordKey();
            countUsage(usageByWave.computeIfAbsent(entry.wave + "|" + cell, k -> new TreeMap<>()), entry.response, key);
            countUsage(usageByDay.computeIfAbsent(day + "|" + entry.wave + "|" + cell, k -> new TreeMap<>()),
                    entry.response, key);
            Map<String, Integer> barrierCounts = barriers.computeIfAbsent(entry.wave + "|" + cell, k -> new TreeMap<>());
            increment(barrierCounts, "respondents", key);
            entry.response.getBarriers().stream().distinct().forEach(b -> increment(barrierCounts, "barrier." + b, key));
            if (entry.response.getMarketDrivers() != null) {
                Map<String, Integer> driverCounts = drivers.computeIfAbsent(entry.wave + "|" + cell, k -> new TreeMap<>());
                increment(driverCounts, "asked", key);
                entry.response.getMarketDrivers().stream().distinct().forEach(d -> increment(driverCounts, "driver." + d, key));
            }
            for (ToolUse tool : r.tools()) {
                Map<String, Integer> toolCounts = tools.computeIfAbsent(
                        entry.wave + "|" + tool.tool() + "|" + cell, k -> new TreeMap<>());
                increment(toolCounts, "users", key);
                if (tool.regular()) {
                    increment(toolCounts, "regularUsers", key);
                }
            }
            WaveSummary summary = waves.get(entry.wave);
            waves.put(entry.wave, summary == null
                    ? WaveSummary.of(key, r.submittedAtMillis())
                    : new WaveSummary(summary.respondents() + 1, summary.keySum() + key,
                            Math.min(summary.firstSubmittedAtMillis(), r.submittedAtMillis()),
                            Math.max(summary.lastSubmittedAtMillis(), r.submittedAtMillis())));
        });
        return new StoreContents(latestByKey, usageByWave, barriers, drivers, tools, usageByDay, waves);
    }

    // Each count "name" comes with "name#key", the sum of its respondents' record keys (wrapping, as an int does).
    private static void countUsage(Map<String, Integer> counts, SurveyResponse response, int key) {
        increment(counts, "respondents", key);
        increment(counts, "frequency." + response.getUsageFrequency(), key);
        response.getUseCases().stream().distinct().forEach(u -> increment(counts, "useCase." + u, key));
        response.getExpectedFutureUseCases().stream().distinct().forEach(u -> increment(counts, "expected." + u, key));
    }

    private static void increment(Map<String, Integer> counts, String name, int key) {
        counts.merge(name, 1, Integer::sum);
        counts.merge(name + StoreContents.KEY_SUM, key, Integer::sum);
    }

    private record Latest(String wave, String partner, SurveyResponse response, LatestResponse value) {
    }
}

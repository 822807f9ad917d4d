package org.medpulse.streams.topology;

import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.Contribution;
import org.medpulse.streams.state.ContributionKeys;
import org.medpulse.streams.state.Counts;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.LatestKey;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

/**
 * The aggregate stores of one task, updated by whole contributions: a response that stops being
 * a respondent's latest is subtracted from every key it was added to ({@link Contribution}: its
 * cell, its day, each of its tools), then its successor is added. Keys whose counts fall to zero
 * are deleted.
 */
final class SurveyAggregates {

    private final KeyValueStore<LatestKey, LatestResponse> latest;
    private final KeyValueStore<WaveKey, WaveSummary> waves;
    // Looked up once: each lookup through the context wraps the store anew.
    private final Map<Aggregate<?, ?>, KeyValueStore<?, ?>> aggregates = new IdentityHashMap<>();
    private final KnownRespondents known;
    // The aggregate keys this task updates, made once rather than per update.
    private final ContributionKeys keys = new ContributionKeys();
    // The waves key of the last wave updated (null: none yet): a task's responses come wave after wave.
    private WaveKey waveKey;

    /** Called when the task starts processing, once its stores are restored. */
    SurveyAggregates(ProcessorContext<?, ?> context) {
        latest = context.getStateStore(SurveyStores.RESPONSES_LATEST);
        known = knownRespondents(latest);
        // Write-behind stores (Aggregate): these updates reach the store layers once per key and commit.
        for (Aggregate<?, ?> aggregate : SurveyStores.AGGREGATES) {
            aggregates.put(aggregate, context.getStateStore(aggregate.name()));
        }
        waves = store(SurveyStores.WAVES);
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
        for (Contribution<?, ?> contribution : Contribution.of(wave, partner, response, keys)) {
            apply(contribution, sign);
        }
    }

    private <K extends OrderedKey, V extends Counts<V>> void apply(Contribution<K, V> contribution, int sign) {
        KeyValueStore<K, V> store = store(contribution.store());
        K key = contribution.key();
        V existing = store.get(key);
        V updated;
        if (sign > 0) {
            updated = existing == null ? contribution.value() : existing.plus(contribution.value());
        } else if (existing == null) {
            throw new IllegalStateException("Cannot retract a response from " + key + ": the aggregate is missing");
        } else {
            updated = existing.minus(contribution.value());
        }
        if (updated.isEmpty()) {
            store.delete(key);
        } else {
            store.put(key, updated);
        }
    }

    @SuppressWarnings("unchecked")
    private <K extends OrderedKey, V extends Mergeable<V>> KeyValueStore<K, V> store(Aggregate<K, V> aggregate) {
        return (KeyValueStore<K, V>) aggregates.get(aggregate);
    }

    // A successor is never earlier than what it replaces, so the last submission only moves
    // forward; the first one must be searched again only when its own response was replaced by a
    // later one.
    private void updateWave(String wave, LatestResponse previous, LatestResponse current) {
        if (waveKey == null || !waveKey.wave().equals(wave)) {
            waveKey = WaveKey.of(wave);
        }
        WaveSummary summary = waves.get(waveKey);
        long submittedAt = current.submittedAtMillis();
        if (previous == null) {
            WaveSummary one = WaveSummary.of(current.recordKey(), submittedAt);
            summary = summary == null ? one : summary.plus(one);
        } else {
            if (summary == null) {
                throw new IllegalStateException("Wave " + wave + " has a latest response but no summary");
            }
            long first = summary.firstSubmittedAtMillis();
            if (previous.submittedAtMillis() == first && submittedAt > first) {
                first = earliestSubmission(wave);
            }
            // The same respondent-wave, so the same record key, unless the previous response was
            // stored before record keys existed (key 0): the key sum follows what usage-by-wave holds.
            summary = new WaveSummary(summary.respondents(), summary.keySum() - previous.recordKey() + current.recordKey(),
                    first, Math.max(summary.lastSubmittedAtMillis(), submittedAt));
        }
        waves.put(waveKey, summary);
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

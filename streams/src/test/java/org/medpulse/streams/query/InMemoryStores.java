package org.medpulse.streams.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.Contribution;
import org.medpulse.streams.state.Counts;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

/**
 * One partition's aggregate stores in sorted maps, holding what some latest answers contribute
 * (the same {@link Contribution}s the topology adds): the read side's questions read them exactly
 * as they read Kafka Streams' stores. Immutable once built.
 */
public final class InMemoryStores implements PartitionStores {

    private final Map<String, NavigableMap<OrderedKey, Object>> stores = new HashMap<>();

    /** The stores of a partition holding {@code answers}. */
    public static InMemoryStores of(List<Answer> answers) {
        InMemoryStores stores = new InMemoryStores();
        for (Answer answer : answers) {
            LatestResponse latest = answer.latest();
            for (Contribution<?, ?> contribution : Contribution.of(answer.wave(), answer.partnerId(), latest)) {
                stores.add(contribution);
            }
            stores.merge(SurveyStores.WAVES, WaveKey.of(answer.wave()), WaveSummary.of(latest.recordKey(), latest.submittedAtMillis()));
        }
        return stores;
    }

    private <K extends OrderedKey, V extends Counts<V>> void add(Contribution<K, V> contribution) {
        merge(contribution.store(), contribution.key(), contribution.value());
    }

    @SuppressWarnings("unchecked")
    private <K extends OrderedKey, V extends Mergeable<V>> void merge(Aggregate<K, V> store, K key, V value) {
        stores.computeIfAbsent(store.name(), s -> new TreeMap<>())
                .merge(key, value, (a, b) -> ((V) a).plus((V) b));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> scan(Aggregate<K, V> store, KeyRange<K> range) {
        NavigableMap<OrderedKey, Object> entries = stores.getOrDefault(store.name(), new TreeMap<>());
        List<KeyValue<K, V>> scanned = new ArrayList<>();
        entries.forEach((key, value) -> {
            if (range.contains((K) key)) {
                scanned.add(KeyValue.pair((K) key, (V) value));
            }
        });
        return scanned;
    }
}

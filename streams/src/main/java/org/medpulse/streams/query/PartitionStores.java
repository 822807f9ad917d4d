package org.medpulse.streams.query;

import java.util.List;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.state.Aggregate;
import org.medpulse.streams.state.CellKeyed;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.OrderedKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;

/**
 * One partition's aggregate stores, as a {@link Question} reads them: range scans, in key order.
 * A scan that cannot be done right now throws {@link PartitionUnavailableException}.
 */
public interface PartitionStores {

    /** The entries of {@code range} in {@code store}. */
    <K extends OrderedKey, V extends Mergeable<V>> List<KeyValue<K, V>> scan(Aggregate<K, V> store, KeyRange<K> range);

    /** The sum of the values of {@code range} whose cell {@code filter} keeps; {@code zero} when none. */
    default <K extends OrderedKey & CellKeyed, V extends Mergeable<V>> V sum(Aggregate<K, V> store, KeyRange<K> range,
                                                                             SurveyFilter filter, V zero) {
        return sums(store, range, CellSums.ungrouped()).sum(filter, zero);
    }

    /**
     * The sums of the values of {@code range} under every filter, per {@code group} of keys. An
     * implementation may remember them until the stores change, under the range and {@code group}:
     * pass a constant (a {@code static final} function), not a new lambda per call.
     */
    default <K extends OrderedKey & CellKeyed, V extends Mergeable<V>, G> CellSums<G, V> sums(Aggregate<K, V> store,
                                                                                              KeyRange<K> range,
                                                                                              Function<? super K, ? extends G> group) {
        return CellSums.of(scan(store, range), group);
    }

    /** Whether this partition holds any respondent of {@code wave}. */
    default boolean hasWave(String wave) {
        return !scan(SurveyStores.WAVES, WaveKey.only(wave)).isEmpty();
    }
}

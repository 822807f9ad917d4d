package org.medpulse.streams.state;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One value per distinct key, made once and shared by every thread, for the few values that answers
 * make again and again from request parameters (a wave's key ranges, a filter): lookups in the maps
 * that remember derived sums then find the very object they hold, hash cached and compared by
 * identity, instead of a fresh copy whose bytes are hashed and compared at every lookup. Keys come
 * from requests, so they are not trusted to be few: past {@code max} values it starts afresh
 * (values are immutable and equal to the ones forgotten; only the identity shortcut is lost).
 */
public final class Interned<K, V> {

    private final int max;
    private final Function<? super K, ? extends V> make;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    private Interned(int max, Function<? super K, ? extends V> make) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        this.max = max;
        this.make = Objects.requireNonNull(make, "make");
    }

    /** At most {@code max} values, each made by {@code make} from its key. */
    public static <K, V> Interned<K, V> upTo(int max, Function<? super K, ? extends V> make) {
        return new Interned<>(max, make);
    }

    /** The value for {@code key}: the one made before, if still held. */
    public V get(K key) {
        V value = values.get(key);
        if (value == null) {
            value = make.apply(key);
            if (values.size() >= max) {
                values.clear();
            }
            V raced = values.putIfAbsent(key, value);
            if (raced != null) {
                value = raced;
            }
        }
        return value;
    }

    /** How many values are held. */
    int size() {
        return values.size();
    }
}

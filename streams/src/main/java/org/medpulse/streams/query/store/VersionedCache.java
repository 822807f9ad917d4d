package org.medpulse.streams.query.store;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Values read from this instance's stores, each remembered under the {@link StoreVersion} it was
 * read at and served only while that version is current. A value is also dropped once it is
 * {@link #MAX_AGE} old, whatever the version says: a bound on staleness should a change ever escape
 * the version.
 */
final class VersionedCache<K, V> {

    /**
     * The oldest value served from memory. Only a safety net: the version tracks every known way
     * the stores change, and each expiry makes every question be read again.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Entry<V>(StoreVersion.Version version, long readAtNanos, V value) {
    }

    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /** @param maxEntries beyond this many keys (distinct questions are unbounded) the cache starts afresh */
    VersionedCache(int maxEntries, LongSupplier nanoTime) {
        this.maxEntries = maxEntries;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The time to stamp a read with: taken before the read, so that its age is never understated. */
    long now() {
        return nanoTime.getAsLong();
    }

    Optional<V> get(K key, StoreVersion.Version version, long now) {
        Entry<V> entry = entries.get(key);
        if (entry == null || !entry.version().equals(version) || now - entry.readAtNanos() >= MAX_AGE.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void put(K key, StoreVersion.Version version, long readAtNanos, V value) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(version, readAtNanos, value));
    }
}

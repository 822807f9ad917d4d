package org.medpulse.streams.query.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Values read from this instance's stores, each remembered under the {@link StoreVersion} it was
 * read at and served only while that version is current. A value is also dropped once it is
 * {@link #MAX_AGE} old, whatever the version says: a bound on staleness should a change ever escape
 * the version. The cache holds at most about {@code maxBytes} (each value weighed when put), evicting
 * the least recently used first, and evicts values once they are {@link #MAX_AGE} old rather than
 * keeping them until overwritten.
 */
final class VersionedCache<K, V> {

    /**
     * The oldest value served from memory. Only a safety net: the version tracks every known way
     * the stores change, and each expiry makes every question be read again.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Entry<V>(StoreVersion.Version version, long readAtNanos, V value, int bytes) {
    }

    private final LongSupplier nanoTime;
    private final ToLongFunction<? super V> bytes;
    private final Cache<K, Entry<V>> entries;

    /**
     * @param maxBytes about how many bytes the values may take together
     * @param bytes an estimate of a value's size in memory
     */
    VersionedCache(long maxBytes, ToLongFunction<? super V> bytes, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        this.entries = CacheBuilder.newBuilder()
                .maximumWeight(maxBytes)
                .<K, Entry<V>>weigher((key, entry) -> entry.bytes())
                .expireAfterWrite(MAX_AGE)
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return nanoTime.getAsLong();
                    }
                })
                .build();
    }

    /** The time to stamp a read with: taken before the read, so that its age is never understated. */
    long now() {
        return nanoTime.getAsLong();
    }

    Optional<V> get(K key, StoreVersion.Version version, long now) {
        Entry<V> entry = entries.getIfPresent(key);
        if (entry == null || !entry.version().equals(version) || now - entry.readAtNanos() >= MAX_AGE.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    void put(K key, StoreVersion.Version version, long readAtNanos, V value) {
        int weight = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes.applyAsLong(value)));
        entries.put(key, new Entry<>(version, readAtNanos, value, weight));
    }

    /** About how many bytes the values held now take (after evicting what expired). */
    long bytesHeld() {
        entries.cleanUp();
        return entries.asMap().values().stream().mapToLong(Entry::bytes).sum();
    }

    /** How many values are held now (after evicting what expired). */
    long size() {
        entries.cleanUp();
        return entries.size();
    }
}

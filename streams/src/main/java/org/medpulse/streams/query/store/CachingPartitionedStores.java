package org.medpulse.streams.query.store;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.routing.PartialQuery;
import org.medpulse.streams.query.routing.PartitionReader;
import org.medpulse.streams.query.routing.PartitionResult;
import org.medpulse.streams.query.routing.PartitionedStores;

/**
 * Remembers each local partition's answer to a question until the stores change, as told by
 * {@link StoreVersion}: dashboards ask the same few questions far more often than responses
 * arrive, and every uncached answer is several RocksDB range scans per partition. Only answers
 * from active copies are kept; failures and stale reads always go to the stores. Peers' partitions
 * are not cached here: each instance caches its own, and answers them from this cache too.
 *
 * <p>An answer is also re-read once it is {@link #MAX_AGE} old, whatever the version says: a
 * bound on staleness should a change ever escape the version (a task restored after a failure
 * changes its store without processing records).
 */
public final class CachingPartitionedStores implements PartitionedStores {

    /** Beyond this many remembered answers (distinct filters are unbounded), the cache starts afresh. */
    static final int MAX_ENTRIES = 20_000;
    /** The oldest answer served from memory. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Key(PartialQuery<?> query, int partition) {
    }

    private record Entry(StoreVersion.Version version, long readAtNanos, PartitionResult<?> result) {
    }

    private final PartitionedStores stores;
    private final Supplier<Optional<StoreVersion.Version>> versions;
    private final LongSupplier nanoTime;
    private final Map<Key, Entry> answers = new ConcurrentHashMap<>();

    /** @param versions the stores' current version, empty while it cannot be known (nothing is cached then) */
    public CachingPartitionedStores(PartitionedStores stores, Supplier<Optional<StoreVersion.Version>> versions) {
        this(stores, versions, System::nanoTime);
    }

    CachingPartitionedStores(PartitionedStores stores, Supplier<Optional<StoreVersion.Version>> versions, LongSupplier nanoTime) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public PartitionReader partition(int partition, ReadOptions options) {
        return stores.partition(partition, options);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Map<Integer, PartitionResult<T>> read(PartialQuery<T> query, Set<Integer> partitions, ReadOptions options) {
        Optional<StoreVersion.Version> version = options.isStaleAllowed() ? Optional.empty() : versions.get();
        if (version.isEmpty()) {
            return stores.read(query, partitions, options);
        }
        long now = nanoTime.getAsLong();
        Map<Integer, PartitionResult<T>> results = new TreeMap<>();
        Set<Integer> missing = new TreeSet<>();
        for (int partition : partitions) {
            Entry entry = answers.get(new Key(query, partition));
            if (entry != null && entry.version().equals(version.get()) && now - entry.readAtNanos() < MAX_AGE.toNanos()) {
                results.put(partition, (PartitionResult<T>) entry.result());
            } else {
                missing.add(partition);
            }
        }
        if (!missing.isEmpty()) {
            // Read after the version was taken: the answers are at least as new as the version says.
            Map<Integer, PartitionResult<T>> read = stores.read(query, missing, options);
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
            read.forEach((partition, result) -> {
                if (result instanceof PartitionResult.Answered<T>) {
                    answers.put(new Key(query, partition), new Entry(version.get(), now, result));
                }
            });
            results.putAll(read);
        }
        return results;
    }
}

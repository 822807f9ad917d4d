package org.medpulse.streams.query.store;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.routing.LocalPartitions;
import org.medpulse.streams.state.Mergeable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Remembers each local partition's answer to a question until the stores change, as told by
 * {@link StoreVersion}: dashboards ask the same few questions far more often than responses
 * arrive, and every uncached answer is several range scans per partition (themselves remembered by
 * {@link StoreScanner}, which many questions share). Questions are values, so equal questions
 * share an answer, whichever question it is. Only answers from active copies are kept; failures
 * and stale reads always go to the stores. Peers' partitions are not cached here: each instance
 * caches its own, and answers them from this cache too.
 *
 * <p>An answer is also re-read once it is {@link #MAX_AGE} old, whatever the version says: a
 * bound on staleness should a change ever escape the version.
 */
public final class CachingLocalPartitions implements LocalPartitions {

    // Answers are weighed by their size as JSON (as they travel between instances): close enough to
    // their size in memory to bound it, and computed once per answer read from the stores.
    private static final ObjectMapper JSON = JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build();
    /** The oldest answer served from memory. */
    static final Duration MAX_AGE = VersionedCache.MAX_AGE;

    private record Key(Question<?, ?> question, int partition) {
    }

    private final LocalPartitions stores;
    private final Supplier<Optional<StoreVersion.Version>> versions;
    private final VersionedCache<Key, Object> answers;

    /**
     * @param versions the stores' current version, empty while it cannot be known (nothing is cached then)
     * @param maxBytes about how much memory remembered answers may take
     */
    public CachingLocalPartitions(LocalPartitions stores, Supplier<Optional<StoreVersion.Version>> versions, long maxBytes) {
        this(stores, versions, maxBytes, System::nanoTime);
    }

    CachingLocalPartitions(LocalPartitions stores, Supplier<Optional<StoreVersion.Version>> versions, long maxBytes,
                           LongSupplier nanoTime) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.answers = new VersionedCache<>(maxBytes, CachingLocalPartitions::bytes, nanoTime);
    }

    static long bytes(Object answer) {
        try {
            return 2L * JSON.writeValueAsBytes(answer).length + 64;
        } catch (JsonProcessingException e) {
            return 1_024;
        }
    }

    @Override
    public PartitionStores partition(int partition, ReadOptions options) {
        return stores.partition(partition, options);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <P extends Mergeable<P>> Map<Integer, QueryResult<P>> read(Question<P, ?> question, Set<Integer> partitions,
                                                                      ReadOptions options) {
        Optional<StoreVersion.Version> version = options.isStaleAllowed() ? Optional.empty() : versions.get();
        if (version.isEmpty()) {
            return stores.read(question, partitions, options);
        }
        long now = answers.now();
        Map<Integer, QueryResult<P>> results = new TreeMap<>();
        Set<Integer> missing = new TreeSet<>();
        for (int partition : partitions) {
            answers.get(new Key(question, partition), version.get(), now).ifPresentOrElse(
                    answer -> results.put(partition, QueryResult.success((P) answer)),
                    () -> missing.add(partition));
        }
        if (!missing.isEmpty()) {
            // Read after the version was taken: the answers are at least as new as the version says.
            Map<Integer, QueryResult<P>> read = stores.read(question, missing, options);
            read.forEach((partition, result) -> {
                if (result instanceof QueryResult.Success<P> answered) {
                    answers.put(new Key(question, partition), version.get(), now, answered.result());
                }
            });
            results.putAll(read);
        }
        return results;
    }
}

package org.medpulse.streams.query.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.errors.StreamsStoppedException;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.state.AggregateViews;
import org.medpulse.streams.state.AggregateVisibility;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.OrderedKey;

/**
 * Runs IQv2 range queries on one partition's stores and remembers the entries of each scan of an
 * active copy while the stores' {@link StoreVersion} is unchanged. Many questions share a scan (every
 * filter of a wave's usage reads all cells of that wave, every tool's trend all tools of each
 * wave), so after a change each range is read once, not once per question. A failed scan (the
 * partition moved, is restoring, the application stopped) is the partition's answer, as a
 * {@link FailureReason}, and is never remembered.
 */
final class StoreScanner {

    /** About how much memory one scanned entry takes: a key of a few strings and a row of counts and key sums. */
    static final long ENTRY_BYTES = 400;

    private record Scan(String store, int partition, KeyRange<?> range) {
    }

    /** Kafka Streams' interactive queries ({@code streams::query}). */
    @FunctionalInterface
    interface StateQueries {
        <R> StateQueryResult<R> query(StateQueryRequest<R> request);
    }

    private final StateQueries streams;
    private final AggregateViews views;
    private final IntFunction<Optional<StoreVersion.Version>> versions;
    private final VersionedCache<Scan, List<? extends KeyValue<?, ?>>> scans;

    /** @param maxBytes about how much memory the remembered scans may take */
    StoreScanner(StateQueries streams, AggregateViews views, IntFunction<Optional<StoreVersion.Version>> versions, long maxBytes,
                 LongSupplier nanoTime) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.views = Objects.requireNonNull(views, "views");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.scans = new VersionedCache<>(maxBytes, entries -> 64 + ENTRY_BYTES * entries.size(), nanoTime);
    }

    /** The entries of {@code range} in {@code store} on {@code partition}, in key order. */
    @SuppressWarnings("unchecked")
    <K extends OrderedKey, V> QueryResult<List<KeyValue<K, V>>> scan(String store, int partition, KeyRange<K> range,
                                                                     boolean requireActive) {
        if (requireActive) {
            // What the active task's last commit wrote, already decoded: cheaper to scan again than to remember.
            Optional<List<KeyValue<K, V>>> viewed =
                    AggregateVisibility.reading(partition, () -> views.scan(store, partition, range));
            if (viewed.isPresent()) {
                return QueryResult.success(viewed.get());
            }
        }
        // Standby and restoring copies change without the version moving: only active reads are remembered.
        Optional<StoreVersion.Version> version = requireActive ? versions.apply(partition) : Optional.empty();
        if (version.isEmpty()) {
            return read(store, partition, range, requireActive);
        }
        Scan scan = new Scan(store, partition, range);
        long now = scans.now();
        Optional<List<? extends KeyValue<?, ?>>> known = scans.get(scan, version.get(), now);
        if (known.isPresent()) {
            return QueryResult.success((List<KeyValue<K, V>>) known.get());
        }
        OptionalLong mark = AggregateVisibility.stable();
        QueryResult<List<KeyValue<K, V>>> read = read(store, partition, range, true);
        // Remembered only if no commit was writing meanwhile: a scan torn by a commit is used once at most.
        if (read instanceof QueryResult.Success<List<KeyValue<K, V>>> answered && mark.isPresent()
                && AggregateVisibility.unchangedSince(mark.getAsLong())) {
            scans.put(scan, version.get(), now, answered.result());
        }
        return read;
    }

    /**
     * What {@code derive} makes of {@code range} in {@code store} on {@code partition}, remembered with
     * the view of the active task's last commit (see {@link AggregateViews#derive}); empty when there
     * is no view, or for stale reads (then scan).
     */
    <K extends OrderedKey, V, R> Optional<R> derive(String store, int partition, KeyRange<K> range, Object how,
                                                    Function<List<KeyValue<K, V>>, R> derive, boolean requireActive) {
        if (!requireActive) {
            return Optional.empty();
        }
        return AggregateVisibility.reading(partition, () -> views.derive(store, partition, range, how, derive));
    }

    private <K extends OrderedKey, V> QueryResult<List<KeyValue<K, V>>> read(String store, int partition, KeyRange<K> range,
                                                                             boolean requireActive) {
        // Never while a commit writes the stores: Kafka Streams' in-memory stores deadlock then.
        return AggregateVisibility.reading(partition, () -> query(store, partition, range, requireActive));
    }

    private <K extends OrderedKey, V> QueryResult<List<KeyValue<K, V>>> query(String store, int partition, KeyRange<K> range,
                                                                              boolean requireActive) {
        RangeQuery<K, V> query = range.toQuery();
        StateQueryRequest<KeyValueIterator<K, V>> request =
                StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition));
        if (requireActive) {
            request = request.requireActive();
        }
        org.apache.kafka.streams.query.QueryResult<KeyValueIterator<K, V>> result;
        try {
            result = streams.query(request).getPartitionResults().get(partition);
        } catch (StreamsNotStartedException | StreamsStoppedException e) {
            return QueryResult.failure(FailureReason.NOT_RUNNING, e.getMessage());
        }
        if (result == null) {
            return QueryResult.failure(FailureReason.NOT_PRESENT, where(store, partition) + " is not on this instance");
        }
        if (!result.isSuccess()) {
            return QueryResult.failure(failure(result.getFailureReason()),
                    where(store, partition) + ": " + result.getFailureMessage());
        }
        List<KeyValue<K, V>> entries = new ArrayList<>();
        try (KeyValueIterator<K, V> iterator = result.getResult()) {
            iterator.forEachRemaining(entries::add);
            return QueryResult.success(List.copyOf(entries));
        } catch (InvalidStateStoreException e) {
            // The store closed under the scan: its partition is moving to another instance.
            return QueryResult.failure(FailureReason.NOT_ACTIVE, where(store, partition) + ": " + e.getMessage());
        }
    }

    private static String where(String store, int partition) {
        return store + "[" + partition + "]";
    }

    static FailureReason failure(org.apache.kafka.streams.query.FailureReason reason) {
        return switch (reason) {
            case NOT_ACTIVE -> FailureReason.NOT_ACTIVE;
            case NOT_PRESENT, DOES_NOT_EXIST -> FailureReason.NOT_PRESENT;
            case NOT_UP_TO_BOUND -> FailureReason.NOT_UP_TO_DATE;
            case UNKNOWN_QUERY_TYPE, STORE_EXCEPTION -> FailureReason.STORE_ERROR;
        };
    }
}

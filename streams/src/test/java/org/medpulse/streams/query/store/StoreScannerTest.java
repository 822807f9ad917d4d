package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.routing.PartitionFailure;
import org.medpulse.streams.query.routing.PartitionResult;

class StoreScannerTest {

    private static final int PARTITION = 2;

    /** One partition's store as IQv2 would answer it; counts the queries that reach it. */
    private final NavigableMap<String, Integer> store = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3));
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicReference<FailureReason> failing = new AtomicReference<>();
    private final AtomicReference<Optional<StoreVersion.Version>> version =
            new AtomicReference<>(Optional.of(new StoreVersion.Version(1, 10)));
    private final AtomicLong nanos = new AtomicLong();

    private final StoreScanner scanner = new StoreScanner(new StoreScanner.StateQueries() {
        @Override
        @SuppressWarnings("unchecked")
        public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
            queries.incrementAndGet();
            RangeQuery<String, Integer> range = (RangeQuery<String, Integer>) request.getQuery();
            StateQueryResult<R> result = new StateQueryResult<>();
            if (failing.get() != null) {
                result.addResult(PARTITION, QueryResult.forFailure(failing.get(), "scripted failure"));
            } else {
                NavigableMap<String, Integer> entries = store.subMap(range.getLowerBound().orElse(""), true,
                        range.getUpperBound().orElse("\uffff"), true);
                result.addResult(PARTITION, (QueryResult<R>) QueryResult.forResult(iterator(entries)));
            }
            return result;
        }
    }, version::get, nanos::get);

    @Test
    void readsEachRangeOnceWhileTheStoresAreUnchanged() {
        PartitionResult<List<KeyValue<String, Integer>>> first = scan(RangeQuery.withRange("a", "b"), true);
        PartitionResult<List<KeyValue<String, Integer>>> again = scan(RangeQuery.withRange("a", "b"), true);

        assertThat(queries).hasValue(1);
        assertThat(entries(again)).isEqualTo(entries(first)).containsExactly(KeyValue.pair("a", 1), KeyValue.pair("b", 2));

        assertThat(entries(scan(RangeQuery.withRange("b", "c"), true))).containsExactly(KeyValue.pair("b", 2), KeyValue.pair("c", 3));
        assertThat(entries(scan(RangeQuery.withNoBounds(), true))).hasSize(3);
        assertThat(queries).as("other bounds are other scans").hasValue(3);
    }

    @Test
    void readsAgainOnceTheVersionMovedOrTheScanIsTooOld() {
        scan(RangeQuery.withRange("a", "b"), true);
        store.put("a", 100);

        version.set(Optional.of(new StoreVersion.Version(1, 11)));
        assertThat(entries(scan(RangeQuery.withRange("a", "b"), true))).startsWith(KeyValue.pair("a", 100));
        assertThat(queries).hasValue(2);

        store.put("a", 200);
        nanos.addAndGet(VersionedCache.MAX_AGE.toNanos());
        assertThat(entries(scan(RangeQuery.withRange("a", "b"), true))).startsWith(KeyValue.pair("a", 200));
        assertThat(queries).hasValue(3);
    }

    @Test
    void neverRemembersStaleReadsNorFailuresNorReadsWithoutAVersion() {
        scan(RangeQuery.withRange("a", "b"), false);
        scan(RangeQuery.withRange("a", "b"), false);
        assertThat(queries).as("standby and restoring copies change without the version").hasValue(2);

        failing.set(FailureReason.NOT_ACTIVE);
        PartitionResult<List<KeyValue<String, Integer>>> failed = scan(RangeQuery.withRange("a", "b"), true);
        assertThat(failed).isEqualTo(new PartitionResult.Failed<>(PartitionFailure.NOT_ACTIVE, "usage-by-wave[2]: scripted failure"));
        failing.set(null);
        assertThat(entries(scan(RangeQuery.withRange("a", "b"), true))).hasSize(2);
        assertThat(queries).hasValue(4);

        version.set(Optional.empty());
        scan(RangeQuery.withRange("a", "b"), true);
        scan(RangeQuery.withRange("a", "b"), true);
        assertThat(queries).hasValue(6);
    }

    private PartitionResult<List<KeyValue<String, Integer>>> scan(RangeQuery<String, Integer> range, boolean active) {
        return scanner.scan("usage-by-wave", PARTITION, range, active);
    }

    private static List<KeyValue<String, Integer>> entries(PartitionResult<List<KeyValue<String, Integer>>> result) {
        assertThat(result).isInstanceOf(PartitionResult.Answered.class);
        return ((PartitionResult.Answered<List<KeyValue<String, Integer>>>) result).value();
    }

    private static KeyValueIterator<String, Integer> iterator(NavigableMap<String, Integer> entries) {
        Iterator<Map.Entry<String, Integer>> it = new ArrayList<>(entries.entrySet()).iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, Integer> next() {
                Map.Entry<String, Integer> entry = it.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }
}

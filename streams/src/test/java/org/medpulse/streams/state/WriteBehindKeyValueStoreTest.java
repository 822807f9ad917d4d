package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteBehindKeyValueStoreTest {

    private final MockProcessorContext<Void, Void> processorContext = new MockProcessorContext<>();
    // Kafka Streams initialises every store of a task with the task's one context.
    private final StateStoreContext context = processorContext.getStateStoreContext();
    private final KeyValueStore<String, Integer> store = new WriteBehindStoreBuilder<>(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(), Serdes.Integer())
                    .withLoggingDisabled(), 100).build();
    private final WriteBehindKeyValueStore<String, Integer> writeBehind = (WriteBehindKeyValueStore<String, Integer>) store;

    @BeforeEach
    void init() {
        store.init(context, store);
    }

    @Test
    void keyLookupsSeeWritesAtOnceButTheStoreBeneathOnlyOnceFlushed() {
        store.put("a", 1);
        store.put("a", 2);
        store.put("b", 5);

        assertThat(store.get("a")).isEqualTo(2);
        assertThat(contents()).as("nothing reached the store yet").isEmpty();

        writeBehind.flushCache();

        assertThat(contents()).containsExactly(KeyValue.pair("a", 2), KeyValue.pair("b", 5));
        assertThat(writeBehind.wrapped().get("a")).isEqualTo(2);

        store.put("b", 6);
        writeBehind.flushCache();
        assertThat(contents()).as("only what changed is written again").containsExactly(KeyValue.pair("a", 2), KeyValue.pair("b", 6));
    }

    @Test
    void keepsTheValuesItWroteUpToItsLimitThenReadsTheStoreAgain() {
        for (int i = 0; i < 100; i++) {
            store.put("k" + i, i);
        }
        writeBehind.flushCache();
        writeBehind.wrapped().put("k1", -1); // the store changed beneath: only visible once forgotten
        assertThat(store.get("k1")).isEqualTo(1);

        store.put("k100", 100);
        writeBehind.flushCache();
        assertThat(store.get("k1")).as("over the limit, everything is read from the store again").isEqualTo(-1);
        assertThat(store.get("k100")).isEqualTo(100);
    }

    @Test
    void deletesArePendingUntilFlushedToo() {
        store.put("a", 1);
        writeBehind.flushCache();

        assertThat(store.delete("a")).isEqualTo(1);
        assertThat(store.get("a")).isNull();
        assertThat(contents()).containsExactly(KeyValue.pair("a", 1));

        writeBehind.flushCache();
        assertThat(contents()).isEmpty();
        assertThat(store.putIfAbsent("a", 7)).isNull();
        assertThat(store.putIfAbsent("a", 8)).isEqualTo(7);
    }

    @Test
    void aGetThenPutOfOneKeyObjectStaysCorrectAcrossDeletesFlushesAndOtherThreadsReads() throws Exception {
        String key = new String("a");
        store.put(key, 1);
        assertThat(store.get(key)).isEqualTo(1);
        store.put(key, null); // a get, then a delete of the same key object, as an aggregate falling to zero
        writeBehind.flushCache(); // the deleted key leaves the written values
        assertThat(contents()).isEmpty();

        store.put(key, 2); // the same key object again: must not land in the entry the flush dropped
        assertThat(store.get(key)).isEqualTo(2);
        store.put("b", 3);
        // A reader on another thread (an interactive key query) sees pending writes and leaves
        // the writer's next put of its key alone.
        Thread reader = new Thread(() -> store.get("b"));
        reader.start();
        reader.join();
        store.put(key, 4);
        writeBehind.flushCache();

        assertThat(contents()).containsExactly(KeyValue.pair("a", 4), KeyValue.pair("b", 3));
        assertThat(writeBehind.wrapped().get("a")).isEqualTo(4);
    }

    @Test
    void unflushedWritesAreDroppedWhenTheTaskIsReinitialisedOrItsCacheCleared() {
        store.put("a", 1);
        writeBehind.flushCache();
        store.put("a", 2);
        store.put("b", 3);

        // Kafka Streams re-initialises a task's stores after closing it without a commit.
        store.init(context, store);

        assertThat(store.get("a")).as("as committed").isEqualTo(1);
        assertThat(store.get("b")).isNull();

        store.put("a", 4);
        writeBehind.clearCache();
        assertThat(store.get("a")).isEqualTo(1);
    }

    @Test
    void aTasksStoresAreWrittenThroughTogetherSoThatReadersSeeACommitWhole() {
        KeyValueStore<String, Integer> other = new WriteBehindStoreBuilder<>(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("other-counts"), Serdes.String(), Serdes.Integer())
                        .withLoggingDisabled(), 100).build();
        other.init(context, other);
        store.put("a", 1);
        other.put("a", 10);
        long before = AggregateVisibility.epoch();

        // Kafka Streams flushes a task's stores one after the other; the first writes both.
        writeBehind.flushCache();

        assertThat(((WriteBehindKeyValueStore<String, Integer>) other).wrapped().get("a")).isEqualTo(10);
        assertThat(AggregateVisibility.epoch()).as("one commit's writes").isEqualTo(before + 1);
        ((WriteBehindKeyValueStore<String, Integer>) other).flushCache();
        assertThat(AggregateVisibility.epoch()).as("nothing left to write").isEqualTo(before + 1);
        other.close();
    }

    private List<KeyValue<String, Integer>> contents() {
        List<KeyValue<String, Integer>> entries = new ArrayList<>();
        try (KeyValueIterator<String, Integer> all = store.all()) {
            all.forEachRemaining(entries::add);
        }
        return entries;
    }
}

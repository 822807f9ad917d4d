package org.medpulse.streams.state;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.streams.processor.StateStoreContext;

/**
 * The write-behind aggregate stores of one task, written through together: Kafka Streams flushes a
 * task's stores one after the other, so the first flush of a commit writes every store's pending
 * changes at once, inside {@link AggregateVisibility}'s bracket, and the others find nothing left.
 * A task's stores are initialised with the task's own context, which tells tasks apart (those of
 * two instances in one JVM too); contexts are held weakly.
 */
final class TaskAggregates {

    private static final Map<StateStoreContext, TaskAggregates> TASKS = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<WriteBehindKeyValueStore<?, ?>> stores = new CopyOnWriteArrayList<>();
    private final int partition;

    private TaskAggregates(int partition) {
        this.partition = partition;
    }

    /** The task {@code store} belongs to, with {@code store} among its stores. */
    static TaskAggregates join(StateStoreContext context, WriteBehindKeyValueStore<?, ?> store) {
        TaskAggregates task = TASKS.computeIfAbsent(context, key -> new TaskAggregates(context.taskId().partition()));
        if (!task.stores.contains(store)) {
            task.stores.add(store);
        }
        return task;
    }

    void leave(WriteBehindKeyValueStore<?, ?> store) {
        stores.remove(store);
    }

    /** Writes every store's pending changes through, as one change readers see whole or not at all. */
    void writeThrough() {
        if (stores.stream().noneMatch(WriteBehindKeyValueStore::hasPendingWrites)) {
            return;
        }
        AggregateVisibility.write(partition, () -> stores.forEach(WriteBehindKeyValueStore::writePending));
    }
}

package org.medpulse.streams.state;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * When readers may trust what the aggregate stores show: a task's commit writes its pending
 * aggregate changes store after store (usage, barriers, tools, days, waves), and a reader scanning
 * two of them during that write could see a respondent counted in one and not yet in the other (a
 * tool with more users than its cell has respondents). The writes of a task's commit are bracketed
 * here; a reader takes a {@link #stable() mark} before reading and keeps what it read only if the
 * mark is {@link #unchangedSince unchanged} after. One for the JVM: several applications in one JVM
 * only make readers try again more often. Thread-safe.
 *
 * <p>Store reads ({@link #reading}) and a commit's writes also exclude each other: Kafka Streams'
 * in-memory store takes its own lock and then its {@code Position}'s to write, while an interactive
 * (IQv2) query takes the {@code Position}'s and then the store's, so a range query that meets a
 * commit's {@code putAll} deadlocks the stream thread and every reader after it (Kafka Streams
 * 4.3.1; seen with a live trickle of responses and eight concurrent clients; KAFKA-19629, fixed
 * upstream by taking the store's lock first in {@code StoreQueryUtils}). Reads share the lock: they
 * never wait for each other. There is one lock per input partition: the deadlock needs one store
 * instance, and a task's stores are one partition's, so a commit holds back only the readers of the
 * partitions it writes. (One lock for all of them made every reader wait for every task's commit:
 * with a live trickle, most of an answer's time.) Writes that bypass this class (restoration, standby
 * updates) are not covered, and need not be for the deadlock: the in-memory store's restore callback
 * takes the {@code Position}'s lock and then the store's, the order queries take them in (checked
 * in the 4.3.1 bytecode). The views cannot see them, so a store's view is dropped when they happen
 * ({@link AggregateViews}). Drop these locks once the Kafka Streams in use has that fix.
 */
public final class AggregateVisibility {

    private static final AtomicInteger WRITING = new AtomicInteger();
    private static final AtomicLong EPOCH = new AtomicLong();
    private static final Map<Integer, Partition> PARTITIONS = new ConcurrentHashMap<>();

    // One input partition's lock, and how many commits began writing its aggregates. The lock is
    // not fair: a waiting commit still holds back readers that come after it (see ReentrantReadWriteLock).
    private record Partition(ReentrantReadWriteLock lock, AtomicLong writes) {
    }

    private AggregateVisibility() {
    }

    /**
     * Runs {@code writes}, a commit's writes to the aggregate stores of a task that reads input
     * {@code partition}, as one change for readers.
     */
    public static void write(int partition, Runnable writes) {
        Partition stores = partition(partition);
        stores.lock().writeLock().lock();
        WRITING.incrementAndGet();
        EPOCH.incrementAndGet();
        // Counted before the writes, under the lock: a reader that sees any of them sees this count too.
        stores.writes().incrementAndGet();
        try {
            writes.run();
        } finally {
            WRITING.decrementAndGet();
            stores.lock().writeLock().unlock();
        }
    }

    /**
     * {@code read}'s result, read from {@code partition}'s aggregate stores while no commit writes
     * them (waiting for one that is). Not to be called from within {@link #write}.
     */
    public static <T> T reading(int partition, Supplier<T> read) {
        ReentrantReadWriteLock stores = partition(partition).lock();
        stores.readLock().lock();
        try {
            return read.get();
        } finally {
            stores.readLock().unlock();
        }
    }

    private static Partition partition(int partition) {
        return PARTITIONS.computeIfAbsent(partition, key -> new Partition(new ReentrantReadWriteLock(), new AtomicLong()));
    }

    /** A mark to check a read against, or empty while some task's commit is half written. */
    public static OptionalLong stable() {
        long epoch = EPOCH.get();
        return WRITING.get() == 0 ? OptionalLong.of(epoch) : OptionalLong.empty();
    }

    /** True when no commit began writing since {@code mark} was taken. */
    public static boolean unchangedSince(long mark) {
        return EPOCH.get() == mark;
    }

    /** How many commits began writing aggregates, on any partition. */
    public static long epoch() {
        return EPOCH.get();
    }

    /**
     * How many commits began writing the aggregates of a task that reads input {@code partition}
     * (of any application in this JVM): a part of that partition's version. Read before a scan of
     * the partition, it is never newer than what the scan sees.
     */
    public static long writes(int partition) {
        return partition(partition).writes().get();
    }
}

package org.medpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The CPU time some threads of this JVM (by name) spend over a period, and the whole process's. Each
 * named thread counts from its CPU time when the period began (from zero if it started later) to its
 * last sample; the threads are sampled every {@link #SAMPLE_PERIOD}, so a thread that ends during the
 * period keeps what it spent up to its last sample. Two readings of the threads alive at either end
 * ({@link CpuTime#now}) count such a thread negatively: Jetty's pool ends idle threads and starts
 * others under load, and the API's figure so read about half of what JFR's per-thread CPU load
 * showed for the same run.
 */
final class CpuMeter {

    /** How often the threads are sampled: a thread that ends loses at most what it spent since. */
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(200);

    private final Predicate<String> threadName;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // CPU time at the start of the period of each named thread alive then, and at the last sample of each seen since.
    private final Map<Long, Long> atStart = new HashMap<>();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final long processAtStart;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "medpulse-bench-cpu-meter");
        thread.setDaemon(true);
        return thread;
    });
    private boolean stopped;

    private CpuMeter(Predicate<String> threadName) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        processAtStart = CpuTime.processCpuNanos();
        sample();
        atStart.putAll(lastSeen);
        long period = SAMPLE_PERIOD.toMillis();
        sampler.scheduleAtFixedRate(this::sample, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts measuring the threads whose names {@code threadName} accepts. */
    static CpuMeter start(Predicate<String> threadName) {
        return new CpuMeter(threadName);
    }

    private synchronized void sample() {
        if (stopped) {
            return;
        }
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (thread != null && threadName.test(thread.getThreadName())) {
                long cpu = threads.getThreadCpuTime(thread.getThreadId());
                if (cpu >= 0) { // -1: the thread ended meanwhile; its last sample stands
                    lastSeen.put(thread.getThreadId(), cpu);
                }
            }
        }
    }

    /** Ends the period: the named threads' CPU time over it, and the whole process's. */
    synchronized CpuTime stop() {
        sample();
        stopped = true;
        sampler.shutdownNow();
        long named = 0;
        for (Map.Entry<Long, Long> thread : lastSeen.entrySet()) {
            named += thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
        }
        return new CpuTime(named, CpuTime.processCpuNanos() - processAtStart);
    }
}

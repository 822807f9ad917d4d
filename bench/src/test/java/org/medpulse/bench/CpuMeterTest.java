package org.medpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    private static final String WORKER = "cpu-meter-test-worker";
    // What a thread spends between recording its CPU time and ending, which a last sample may include.
    private static final long SLACK_NANOS = Duration.ofMillis(10).toNanos();

    @Test
    void aThreadThatStartsAndEndsWithinThePeriodIsCountedUpToItsLastSample() throws InterruptedException {
        CpuMeter meter = CpuMeter.start(name -> name.equals(WORKER));
        AtomicLong spent = new AtomicLong();
        Thread worker = burning(Duration.ofMillis(600), spent);
        worker.start();
        worker.join();

        long counted = meter.stop().threadNanos();

        // Two readings of the threads alive at either end would count nothing here. At most what it
        // spent since its last sample is lost: about one sample period, or more if the sampler waited for a core.
        assertThat(counted).isBetween(spent.get() / 2, spent.get() + SLACK_NANOS);
    }

    @Test
    void aThreadAliveAtTheStartThatEndsDuringThePeriodCountsWhatItSpentMeanwhile() throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch measuring = new CountDownLatch(1);
        AtomicLong spent = new AtomicLong();
        Thread worker = new Thread(() -> {
            burn(Duration.ofMillis(200));
            ready.countDown();
            try {
                measuring.await();
            } catch (InterruptedException e) {
                return;
            }
            burn(Duration.ofMillis(600));
            spent.set(cpuNanos());
        }, WORKER);
        worker.start();
        ready.await();
        long atStart = ManagementFactory.getThreadMXBean().getThreadCpuTime(worker.getId());
        CpuMeter meter = CpuMeter.start(name -> name.equals(WORKER));
        measuring.countDown();
        worker.join();

        long counted = meter.stop().threadNanos();

        // Two readings of the threads alive at either end would count minus what it spent before.
        long meanwhile = spent.get() - atStart;
        assertThat(counted).isBetween(meanwhile / 2, meanwhile + SLACK_NANOS);
    }

    private static Thread burning(Duration cpu, AtomicLong spent) {
        return new Thread(() -> {
            burn(cpu);
            spent.set(cpuNanos());
        }, WORKER);
    }

    // Busy until this thread has spent {@code cpu} more of CPU time.
    private static void burn(Duration cpu) {
        long until = cpuNanos() + cpu.toNanos();
        while (cpuNanos() < until) {
            Thread.onSpinWait();
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}

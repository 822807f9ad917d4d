package org.medpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

/**
 * CPU time spent so far by some threads of this JVM (by name) and by the whole process: a
 * benchmark's cost per record or per answer, much less sensitive than its rate to other work on a
 * shared machine. Threads that ended since an earlier reading are not counted in a difference (for
 * threads that come and go, such as a server's pool, see {@link CpuMeter}).
 */
record CpuTime(long threadNanos, long processNanos) {

    static CpuTime now(Predicate<String> threadName) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long named = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && threadName.test(thread.getThreadName())) {
                named += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return new CpuTime(named, processCpuNanos());
    }

    /** The CPU time the whole process has spent so far (0 where the JVM does not tell). */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    CpuTime minus(CpuTime before) {
        return new CpuTime(threadNanos - before.threadNanos, processNanos - before.processNanos);
    }
}

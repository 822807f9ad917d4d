package org.medpulse.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Time this JVM's JIT compiler has spent compiling so far. A server that runs the broker, Kafka
 * Streams, Jetty and Jackson in one JVM keeps its compiler busy for minutes on a 2-core machine
 * (one C2 thread, a long queue of large methods): a run measured meanwhile measures the compiler
 * as much as the code (a profile of the 30 s warm-up's measured run put the C2 thread at a fifth
 * of the machine, and the rate doubled once it had settled). Benchmarks warm up until it is idle.
 */
record JitCompiler(long millis) {

    /**
     * Compiling less than this share of a warm-up round's time: the hot paths are compiled. A
     * compiler that never settles (deoptimisation loops) is reported, not waited for forever.
     */
    static final double SETTLED_SHARE = 0.02;

    /** The compiler's time so far; 0 when the JVM does not measure it (the check then always passes). */
    static JitCompiler now() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return new JitCompiler(compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0);
    }

    /** The compiler's share of {@code elapsed} since {@code before}. */
    double shareSince(JitCompiler before, Duration elapsed) {
        return (millis - before.millis) / (double) Math.max(1, elapsed.toMillis());
    }

    static boolean settled(double share) {
        return share < SETTLED_SHARE;
    }
}

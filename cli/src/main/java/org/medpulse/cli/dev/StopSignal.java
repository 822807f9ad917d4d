package org.medpulse.cli.dev;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What a foreground stack waits for before it stops: Ctrl-C or SIGTERM in a terminal, or an
 * explicit {@link #request()} (tests, embedding code). Closing it restores the previous signal
 * handlers.
 *
 * <p>A shutdown hook alone could close the stack too, but the JVM would then exit with 130/143
 * from inside the signal; handling the signals lets the command stop the stack and return 0 like
 * any other command. {@code sun.misc.Signal} is one of the critical internal APIs that JEP 260
 * keeps accessible (module {@code jdk.unsupported}) for exactly this.
 */
public final class StopSignal implements AutoCloseable {

    private static final String[] TERMINATION_SIGNALS = {"INT", "TERM"};

    private final CountDownLatch requested = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();

    private StopSignal() {
    }

    /** A signal only {@link #request()} fires. */
    public static StopSignal manual() {
        return new StopSignal();
    }

    /**
     * A signal fired by Ctrl-C (SIGINT) or SIGTERM. A second one while stopping ends the process at
     * once, for a stop that hangs.
     */
    public static StopSignal onInterruptOrTerminate() {
        StopSignal stop = new StopSignal();
        for (String name : TERMINATION_SIGNALS) {
            Signal signal = new Signal(name);
            stop.replaced.put(signal, Signal.handle(signal, received -> {
                if (stop.isRequested()) {
                    Runtime.getRuntime().halt(128 + received.getNumber());
                }
                stop.request();
            }));
        }
        return stop;
    }

    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Blocks until {@link #request()} (or a signal), at most {@code timeout}: whether it came. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Blocks until {@link #request()} (or a signal). */
    public void await() throws InterruptedException {
        requested.await();
    }

    @Override
    public void close() {
        replaced.forEach(Signal::handle);
        replaced.clear();
    }
}

package org.medpulse.producer.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Reports the progress of a long run (replays, simulations): on a terminal, a bar redrawn in place
 * with count, rate and ETA; otherwise (logs, CI, pipes) a plain line every few seconds.
 */
public abstract class Progress {

    static final Duration LINE_INTERVAL = Duration.ofSeconds(5);
    static final Duration REDRAW_INTERVAL = Duration.ofMillis(100);

    protected final PrintWriter out;
    protected final String label;
    protected final long total;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private final long intervalNanos;
    private long lastShownAt;
    private long done;

    Progress(PrintWriter out, String label, long total, LongSupplier nanoTime, Duration interval) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
        this.lastShownAt = startedAt;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * A bar when {@code terminal} is true (see {@link #isTerminal()}), plain lines otherwise.
     * {@code total} is the expected count, or a negative number when unknown.
     */
    public static Progress to(PrintWriter out, boolean terminal, String label, long total) {
        return terminal
                ? new ProgressBar(out, label, total, System::nanoTime)
                : new ProgressLines(out, label, total, System::nanoTime);
    }

    /**
     * Whether standard output is a terminal a bar can be redrawn on. Java 17 has a console only on
     * a terminal; from Java 22 a console always exists and {@code Console.isTerminal()} tells.
     */
    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException javaBefore22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Records that {@code count} more items are done; redraws when it is time. */
    public void advance(long count) {
        done += count;
        long now = nanoTime.getAsLong();
        if (now - lastShownAt >= intervalNanos) {
            lastShownAt = now;
            show(snapshot(now));
        }
    }

    /** Shows the final state. */
    public void finish() {
        finish(snapshot(nanoTime.getAsLong()));
        out.flush();
    }

    protected abstract void show(Snapshot snapshot);

    protected abstract void finish(Snapshot snapshot);

    private Snapshot snapshot(long now) {
        return new Snapshot(done, total, Duration.ofNanos(now - startedAt));
    }

    /** Where a run stands: items done, of how many (negative: unknown), after how long. */
    public record Snapshot(long done, long total, Duration elapsed) {

        public double ratePerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : done / seconds;
        }

        /** Time left at the current rate, in whole seconds rounded up, when it can be told. */
        public Duration eta() {
            double rate = ratePerSecond();
            if (total < 0 || rate <= 0) {
                return null;
            }
            return Duration.ofSeconds((long) Math.ceil(Math.max(0, total - done) / rate));
        }

        String counts() {
            return total < 0 ? String.format(Locale.ROOT, "%,d", done) : String.format(Locale.ROOT, "%,d/%,d", done, total);
        }

        String rate() {
            return String.format(Locale.ROOT, "%,.0f/s", ratePerSecond());
        }

        static String clock(Duration duration) {
            long seconds = duration.toSeconds();
            return seconds >= 3600
                    ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                    : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
        }
    }
}

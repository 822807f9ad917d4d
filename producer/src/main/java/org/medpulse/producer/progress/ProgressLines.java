package org.medpulse.producer.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/** A plain line every few seconds, for logs and pipes: {@code replay: 7,000/10,000 (70%), 2,300/s, ETA 0:01}. */
final class ProgressLines extends Progress {

    ProgressLines(PrintWriter out, String label, long total, LongSupplier nanoTime) {
        super(out, label, total, nanoTime, LINE_INTERVAL);
    }

    @Override
    protected void show(Snapshot snapshot) {
        out.println(render(label, snapshot));
        out.flush();
    }

    @Override
    protected void finish(Snapshot snapshot) {
        out.println(render(label, snapshot) + ", done in " + Snapshot.clock(snapshot.elapsed()));
    }

    static String render(String label, Snapshot s) {
        StringBuilder line = new StringBuilder(label).append(": ").append(s.counts());
        if (s.total() > 0) {
            line.append(String.format(Locale.ROOT, " (%d%%)", s.done() * 100 / s.total()));
        }
        line.append(", ").append(s.rate());
        if (s.eta() != null && s.done() < s.total()) {
            line.append(", ETA ").append(Snapshot.clock(s.eta()));
        }
        return line.toString();
    }
}

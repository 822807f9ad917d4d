package org.medpulse.producer.progress;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/** A bar redrawn in place with a carriage return: {@code replay [#######.....]  7,000/10,000  2,300/s  ETA 0:01}. */
final class ProgressBar extends Progress {

    static final int WIDTH = 30;

    ProgressBar(PrintWriter out, String label, long total, LongSupplier nanoTime) {
        super(out, label, total, nanoTime, REDRAW_INTERVAL);
    }

    @Override
    protected void show(Snapshot snapshot) {
        out.print("\r" + render(label, snapshot) + "   ");
        out.flush();
    }

    @Override
    protected void finish(Snapshot snapshot) {
        out.println("\r" + render(label, snapshot) + "   ");
    }

    static String render(String label, Snapshot s) {
        StringBuilder line = new StringBuilder(label).append(' ');
        if (s.total() > 0) {
            int filled = (int) Math.min(WIDTH, s.done() * WIDTH / s.total());
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        }
        line.append(s.counts()).append("  ").append(s.rate());
        if (s.eta() != null) {
            line.append("  ETA ").append(Snapshot.clock(s.eta()));
        }
        return line.toString();
    }
}

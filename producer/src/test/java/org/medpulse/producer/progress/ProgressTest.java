package org.medpulse.producer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void theBarShowsCountRateAndEta() {
        Progress.Snapshot snapshot = new Progress.Snapshot(7_000, 10_000, Duration.ofSeconds(2));
        assertThat(ProgressBar.render("replay", snapshot))
                .isEqualTo("replay [#####################.........] 7,000/10,000  3,500/s  ETA 0:01");
        assertThat(ProgressBar.render("simulate", new Progress.Snapshot(42, -1, Duration.ofSeconds(1))))
                .isEqualTo("simulate 42  42/s");
    }

    @Test
    void plainLinesSayTheSameWithAPercentage() {
        assertThat(ProgressLines.render("replay", new Progress.Snapshot(2_500, 10_000, Duration.ofSeconds(5))))
                .isEqualTo("replay: 2,500/10,000 (25%), 500/s, ETA 0:15");
        assertThat(Progress.Snapshot.clock(Duration.ofSeconds(3_725))).isEqualTo("1:02:05");
    }

    @Test
    void plainLinesArePrintedEveryFewSecondsAndAtTheEnd() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new ProgressLines(new PrintWriter(text), "replay", 100, now::get);
        for (int i = 0; i < 100; i++) {
            now.addAndGet(Duration.ofMillis(200).toNanos());
            progress.advance(1);
        }
        progress.finish();
        assertThat(text.toString().lines()).containsExactly(
                "replay: 25/100 (25%), 5/s, ETA 0:15",
                "replay: 50/100 (50%), 5/s, ETA 0:10",
                "replay: 75/100 (75%), 5/s, ETA 0:05",
                "replay: 100/100 (100%), 5/s",
                "replay: 100/100 (100%), 5/s, done in 0:20");
    }

    @Test
    void theBarIsRedrawnInPlace() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new ProgressBar(new PrintWriter(text), "replay", 10, now::get);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(Duration.ofMillis(100).toNanos());
            progress.advance(1);
        }
        progress.finish();
        assertThat(text.toString()).startsWith("\rreplay [###...").contains("\rreplay [######").endsWith("10/10  10/s  ETA 0:00   \n");
        assertThat(text.toString().chars().filter(c -> c == '\n')).hasSize(1);
    }
}

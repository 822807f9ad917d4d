package org.medpulse.producer.archive;

import java.time.Duration;
import java.util.List;

import org.medpulse.producer.publish.SendFailure;

/** What a replay did: records read from the archives, how many the broker acknowledged, the failures. */
public record ReplayResult(long records, long published, List<SendFailure<String>> failures, Duration elapsed) {

    public ReplayResult {
        failures = List.copyOf(failures);
    }

    public double ratePerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? records : records / seconds;
    }
}

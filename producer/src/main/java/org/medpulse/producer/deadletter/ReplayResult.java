package org.medpulse.producer.deadletter;

import java.util.List;

import org.medpulse.producer.publish.SendFailure;

/**
 * What a replay did: the dead letters republished (or that would be, in a dry run), in the order
 * they were read, those that could not be, and what the read of the dead-letter topic covered.
 */
public record ReplayResult(List<ReplayedLetter> replayed, List<SendFailure<DeadLetterId>> failures,
        DeadLetterScan scan, boolean dryRun) {

    public ReplayResult {
        replayed = List.copyOf(replayed);
        failures = List.copyOf(failures);
    }
}

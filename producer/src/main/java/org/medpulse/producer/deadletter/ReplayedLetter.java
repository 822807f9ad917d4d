package org.medpulse.producer.deadletter;

import java.util.Optional;

/**
 * A dead letter a replay republished (or, in a dry run, would republish): where it was, its key
 * and reason, and where it went; {@code partition} and {@code offset} are -1 in a dry run.
 */
public record ReplayedLetter(DeadLetterId id, Optional<String> key, String reason, String topic, int partition,
        long offset) {

    public boolean published() {
        return offset >= 0;
    }

    /**
     * One line: {@code replayed 3 -> survey-responses:4:1022  key acme/r-0042  (UnreadableSurveyResponseException: …)},
     * or {@code would replay 3 -> survey-responses  …} in a dry run.
     */
    public String describe() {
        String destination = published() ? topic + ":" + partition + ":" + offset : topic;
        return (published() ? "replayed " : "would replay ") + id + " -> " + destination + "  key "
                + key.orElse("(none)") + "  (" + reason + ")";
    }
}

package org.medpulse.chaos;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.medpulse.chaos.check.TopicToEnd;

/** Reads a topic to its end, for the audit of one key. */
final class InputTopic {

    private InputTopic() {
    }

    /** How many records of {@code topic} have {@code key}, those of aborted transactions included. */
    static long countKey(String bootstrapServers, String topic, String key) {
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        long[] count = {0};
        TopicToEnd.read(bootstrapServers, topic, "medpulse-chaos-input-audit", false, record -> {
            if (record.key() != null && Arrays.equals(record.key(), wanted)) {
                count[0]++;
            }
        });
        return count[0];
    }
}

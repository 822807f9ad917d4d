package org.medpulse.producer.publish;

import java.util.List;

/** Every send accounted for: acknowledged by the broker, or failed with a reason. */
public record PublishResult<T>(long acknowledged, List<SendFailure<T>> failures) {

    public PublishResult {
        failures = List.copyOf(failures);
    }

    public long sent() {
        return acknowledged + failures.size();
    }
}

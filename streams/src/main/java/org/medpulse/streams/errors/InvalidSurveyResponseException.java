package org.medpulse.streams.errors;

import java.util.List;

/**
 * A survey response that was read but cannot be counted (empty wave or respondent, a key that
 * does not name its respondent...). Thrown by the topology so that Kafka Streams hands the source
 * record, original bytes included, to {@link InvalidResponseHandler}.
 */
public final class InvalidSurveyResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSurveyResponseException(List<String> problems) {
        super("Invalid survey response: " + String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

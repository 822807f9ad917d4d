package org.medpulse.schemas;

/**
 * The topics MedPulse reads and writes. Every module names topics through this class so that a
 * rename happens in one place.
 */
public final class Topics {

    /** Validated survey responses, keyed by {@code partnerId + "/" + respondentId}. */
    public static final String SURVEY_RESPONSES = "survey-responses";

    /** Records the streams application could not use, with their original bytes and error headers. */
    public static final String SURVEY_RESPONSES_DLQ = "survey-responses-dlq";

    /** Compacted topic through which operators add or change tool catalogue entries at runtime. */
    public static final String TOOL_CATALOGUE = "tool-catalogue";

    /** The schema registry's own storage: single partition, compacted. */
    public static final String SCHEMAS = "_schemas";

    private Topics() {
    }
}

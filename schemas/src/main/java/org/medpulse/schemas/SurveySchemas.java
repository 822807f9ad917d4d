package org.medpulse.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.avro.Schema;
import org.medpulse.avro.SurveyResponse;

/**
 * The versions of the {@code SurveyResponse} contract. The generated class is the newest (v2, with
 * market drivers); v1 is kept as it was registered, for readers and writers of older waves (archives,
 * partners not migrated yet) and for the tests that prove the two live in one topic.
 */
public final class SurveySchemas {

    private static final String V1_RESOURCE = "/org/medpulse/schemas/avro/survey-response-v1.avsc";
    private static final Schema V1 = load(V1_RESOURCE);

    private SurveySchemas() {
    }

    /** v1: before market drivers. */
    public static Schema v1() {
        return V1;
    }

    /** v2, the current contract: the generated class's schema. */
    public static Schema v2() {
        return SurveyResponse.getClassSchema();
    }

    private static Schema load(String resource) {
        try (InputStream in = SurveySchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

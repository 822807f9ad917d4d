package org.medpulse.streams.api.survey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3 description of this API, maintained by hand beside the code in
 * {@code openapi.json}; a test checks it describes every route, parameter and response field.
 */
final class OpenApiDocument {

    static final String RESOURCE = "/org/medpulse/streams/api/survey/openapi.json";

    private OpenApiDocument() {
    }

    static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + RESOURCE + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
    }
}

package org.medpulse.devstack.registry.rest;

import java.util.Locale;
import java.util.Set;

/** The content types Confluent's REST API speaks. */
final class MediaTypes {

    /** What every response carries. */
    static final String SCHEMA_REGISTRY_V1_JSON = "application/vnd.schemaregistry.v1+json";

    /** Request bodies Confluent accepts (its {@code @Consumes}); a request without a type is accepted too. */
    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of(
            SCHEMA_REGISTRY_V1_JSON,
            "application/vnd.schemaregistry+json",
            "application/json",
            "application/octet-stream");

    private MediaTypes() {
    }

    static boolean isAcceptedRequestType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return ACCEPTED_REQUEST_TYPES.contains(mediaType);
    }
}

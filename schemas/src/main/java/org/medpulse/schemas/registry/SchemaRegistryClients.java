package org.medpulse.schemas.registry;

import org.medpulse.schemas.serde.AvroSerdeConfig;

/** Chooses the registry client a serde configuration asks for. */
public final class SchemaRegistryClients {

    public static final String MOCK_SCHEME = "mock://";

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient create(AvroSerdeConfig config) {
        String url = config.registryUrl().trim();
        if (url.startsWith(MOCK_SCHEME)) {
            return InMemorySchemaRegistryClient.forScope(url.substring(MOCK_SCHEME.length()));
        }
        throw new UnsupportedOperationException("REST registry client not implemented yet: " + url);
    }
}

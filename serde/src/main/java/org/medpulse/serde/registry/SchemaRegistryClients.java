package org.medpulse.serde.registry;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;


/** Chooses the registry client a serde configuration asks for. */
public final class SchemaRegistryClients {

    public static final String MOCK_SCHEME = "mock://";

    private SchemaRegistryClients() {
    }

    /**
     * {@code mock://scope}: the shared {@link InMemorySchemaRegistryClient} of that scope;
     * {@code http(s)://...} (comma-separated for several): a {@link RestSchemaRegistryClient}
     * with the configuration's credentials, timeouts and retries.
     */
    public static SchemaRegistryClient create(RegistryClientConfig config) {
        List<String> urls = config.registryUrls();
        long mocks = urls.stream().filter(url -> url.startsWith(MOCK_SCHEME)).count();
        if (mocks == 0) {
            return new RestSchemaRegistryClient(RestClientOptions.from(config));
        }
        if (urls.size() > 1) {
            throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, config.registryUrl(),
                    "a mock:// registry URL must be the only one");
        }
        return InMemorySchemaRegistryClient.forScope(urls.get(0).substring(MOCK_SCHEME.length()));
    }

    /** The client for {@code url} with every other setting at its default. */
    public static SchemaRegistryClient forUrl(String url) {
        return create(new RegistryClientConfig(Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, url)));
    }
}

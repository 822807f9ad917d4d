package org.medpulse.serde.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How a registry client reaches the schema registry (URLs, credentials, timeouts, retries), under
 * the keys Confluent's {@code CachedSchemaRegistryClient} uses, so that existing client
 * configurations work unchanged. Each setting is declared once here with its type, default,
 * validation and doc; the serdes' own settings ({@code org.medpulse.serde.AvroSerdeConfig}) add
 * theirs to these.
 */
public final class RegistryClientConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";

    /** Basic credentials from {@code basic.auth.user.info}. */
    public static final String CREDENTIALS_FROM_USER_INFO = "USER_INFO";
    /** Basic credentials from the user-info part of the registry URL ({@code http://user:pass@host}), if any. */
    public static final String CREDENTIALS_FROM_URL = "URL";

    private static final ConfigDef.Validator AT_LEAST_ONE_URL = ConfigDef.LambdaValidator.with((name, value) -> {
        if (value == null || ((List<?>) value).isEmpty()) {
            throw new ConfigException(name, value, "at least one registry URL is required");
        }
    }, () -> "one or more URLs");

    private static final ConfigDef DEFINITION = define(new ConfigDef());

    public RegistryClientConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
    }

    /** Adds the registry client's settings to {@code definition} (a serde's, say) and returns it. */
    public static ConfigDef define(ConfigDef definition) {
        return definition

            .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, AT_LEAST_ONE_URL, Importance.HIGH,
                    "Comma-separated URLs of the schema registry (http://host:port; several URLs are tried in turn "
                            + "when one cannot be reached), or mock://scope for an in-memory registry shared by every "
                            + "serde configured with the same scope.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, CREDENTIALS_FROM_URL,
                    ConfigDef.ValidString.in("", CREDENTIALS_FROM_URL, CREDENTIALS_FROM_USER_INFO), Importance.MEDIUM,
                    "Where HTTP basic credentials for the registry come from: URL (the user-info of the registry URL, "
                            + "if it has one) or USER_INFO (basic.auth.user.info).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
                    "user:password for HTTP basic authentication with the registry; needs "
                            + "basic.auth.credentials.source=USER_INFO.")
            .define(BEARER_AUTH_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
                    "Token sent as 'Authorization: Bearer' to the registry. Exclusive with basic credentials.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 60_000, Range.atLeast(1), Importance.LOW,
                    "How long to wait for a TCP connection to a registry URL before trying the next one.")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 60_000, Range.atLeast(1), Importance.LOW,
                    "How long one registry request may wait for its response before it counts as failed.")
            .define(MAX_RETRIES, Type.INT, 3, Range.atLeast(0), Importance.LOW,
                    "How many times a registry request is retried after a connection error, a timeout or a 5xx "
                            + "answer (each retry tries every URL again). 4xx answers are never retried.")
            .define(RETRIES_WAIT_MS, Type.LONG, 1_000L, Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry; each further retry waits twice as long, up to retries.max.wait.ms.")
            .define(RETRIES_MAX_WAIT_MS, Type.LONG, 20_000L, Range.atLeast(0), Importance.LOW,
                    "The longest wait between two retries.");
    }

    /** The registry URL setting as given (comma-separated when several). */
    public String registryUrl() {
        return String.join(",", registryUrls());
    }

    public List<String> registryUrls() {
        return getList(SCHEMA_REGISTRY_URL);
    }

    /** {@code URL} or {@code USER_INFO}; an empty setting means {@code URL}, Confluent's default. */
    public String basicAuthCredentialsSource() {
        String source = getString(BASIC_AUTH_CREDENTIALS_SOURCE);
        return source.isEmpty() ? CREDENTIALS_FROM_URL : source;
    }

    public Password basicAuthUserInfo() {
        return getPassword(BASIC_AUTH_USER_INFO);
    }

    public Password bearerAuthToken() {
        return getPassword(BEARER_AUTH_TOKEN);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS));
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public Duration retryWait() {
        return Duration.ofMillis(getLong(RETRIES_WAIT_MS));
    }

    public Duration retryMaxWait() {
        return Duration.ofMillis(getLong(RETRIES_MAX_WAIT_MS));
    }
}

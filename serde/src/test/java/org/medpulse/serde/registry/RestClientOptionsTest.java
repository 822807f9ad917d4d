package org.medpulse.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestClientOptionsTest {

    private static RestClientOptions from(Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:8081");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return RestClientOptions.from(new RegistryClientConfig(config));
    }

    @Test
    void defaultsAreConfluents() {
        RestClientOptions options = from();

        assertThat(options.urls()).containsExactly(URI.create("http://127.0.0.1:8081"));
        assertThat(options.credentials()).isEqualTo(RegistryCredentials.none());
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.retry()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void timeoutsAndRetriesComeFromTheirSettings() {
        RestClientOptions options = from(RegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS, "1500",
                RegistryClientConfig.HTTP_READ_TIMEOUT_MS, 2500, RegistryClientConfig.MAX_RETRIES, "5",
                RegistryClientConfig.RETRIES_WAIT_MS, 10L, RegistryClientConfig.RETRIES_MAX_WAIT_MS, "80");

        assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(options.retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(80)));
    }

    @Test
    void severalCommaSeparatedUrlsAreKeptInOrder() {
        RestClientOptions options = from(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://a:8081, https://b:8082/sr");

        assertThat(options.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8082/sr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://registry:21", "registry:8081", "http://", "http://a:8081/?x=1", "http://a b"})
    void urlsThatAreNotHttpAreConfigurationErrors(String url) {
        assertThatThrownBy(() -> from(RegistryClientConfig.SCHEMA_REGISTRY_URL, url))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryClientConfig.SCHEMA_REGISTRY_URL);
    }

    @Test
    void anEmptyUrlListIsAConfigurationError() {
        assertThatThrownBy(() -> from(RegistryClientConfig.SCHEMA_REGISTRY_URL, ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least one registry URL is required");
    }

    @Test
    void userInfoCredentialsNeedTheirSource() {
        assertThat(from(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:secret").credentials())
                .isEqualTo(RegistryCredentials.basic("alice:secret"))
                .hasToString("basic user 'alice'");

        assertThatThrownBy(() -> from(RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:secret"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source=USER_INFO")
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", ":secret"})
    void userInfoMustBeUserColonPassword(String userInfo) {
        assertThatThrownBy(() -> from(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, userInfo))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info=user:password");
    }

    @Test
    void aBearerTokenExcludesBasicCredentials() {
        assertThat(from(RegistryClientConfig.BEARER_AUTH_TOKEN, "tok").credentials())
                .isEqualTo(RegistryCredentials.bearer("tok"));

        assertThatThrownBy(() -> from(RegistryClientConfig.BEARER_AUTH_TOKEN, "tok",
                RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryClientConfig.BASIC_AUTH_USER_INFO, "alice:secret"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Only one of basic credentials");
        assertThatThrownBy(() -> from(RegistryClientConfig.BEARER_AUTH_TOKEN, "tok",
                RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://alice:secret@a:8081"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Only one of basic credentials");
    }

    @Test
    void anUnknownCredentialsSourceIsAConfigurationError() {
        assertThatThrownBy(() -> from(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source");
    }

    @Test
    void credentialsNeverShowInToString() {
        RestClientOptions options = from(RegistryClientConfig.SCHEMA_REGISTRY_URL, "http://alice:secret@a:8081");

        assertThat(options.urls()).containsExactly(URI.create("http://a:8081"));
        assertThat(options.credentials()).isEqualTo(RegistryCredentials.basic("alice:secret"));
        assertThat(options.toString()).contains("basic user 'alice'").doesNotContain("secret");
        assertThat(RegistryCredentials.bearer("tok-123").toString()).doesNotContain("tok-123");
    }
}

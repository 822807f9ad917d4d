package org.medpulse.serde.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.kafka.common.config.ConfigException;


/**
 * How a {@link RestSchemaRegistryClient} reaches the registry: its base URLs (tried in turn when
 * one fails, as Confluent's client does), credentials, timeouts and retry policy. Immutable; the
 * {@code with...} methods return a modified copy.
 *
 * @param urls           base URLs, http or https, without user-info (credentials go in {@code credentials})
 * @param credentials    what to send in the {@code Authorization} header
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long one request may wait for its response
 * @param retry          retries after connection errors, timeouts and 5xx answers
 */
public record RestClientOptions(List<URI> urls, RegistryCredentials credentials, Duration connectTimeout,
        Duration requestTimeout, RetryPolicy retry) {

    public RestClientOptions {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one registry URL is required");
        }
        for (URI url : urls) {
            checkBaseUrl(url);
        }
        Objects.requireNonNull(credentials, "credentials");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    /**
     * Options for comma-separated {@code urls} with the defaults of {@link RegistryClientConfig}; basic
     * credentials come from a URL's user-info ({@code http://user:pass@host:8081}) if one has it.
     */
    public static RestClientOptions of(String urls) {
        List<ParsedUrl> parsed = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(RestClientOptions::parseUrl).toList();
        return new RestClientOptions(parsed.stream().map(ParsedUrl::url).toList(), credentialsInUrls(parsed),
                Duration.ofSeconds(60), Duration.ofSeconds(60), RetryPolicy.DEFAULT);
    }

    /**
     * Options from a serde configuration; contradictory or incomplete credentials fail with a
     * {@link ConfigException}.
     */
    public static RestClientOptions from(RegistryClientConfig config) {
        List<ParsedUrl> parsed = config.registryUrls().stream().map(RestClientOptions::parseUrl).toList();
        return new RestClientOptions(parsed.stream().map(ParsedUrl::url).toList(), credentials(config, parsed),
                config.connectTimeout(), config.requestTimeout(),
                new RetryPolicy(config.maxRetries(), config.retryWait(), config.retryMaxWait()));
    }

    public RestClientOptions withCredentials(RegistryCredentials credentials) {
        return new RestClientOptions(urls, credentials, connectTimeout, requestTimeout, retry);
    }

    public RestClientOptions withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new RestClientOptions(urls, credentials, connectTimeout, requestTimeout, retry);
    }

    public RestClientOptions withRetry(RetryPolicy retry) {
        return new RestClientOptions(urls, credentials, connectTimeout, requestTimeout, retry);
    }

    private static RegistryCredentials credentials(RegistryClientConfig config, List<ParsedUrl> urls) {
        String userInfo = config.basicAuthUserInfo().value();
        String token = config.bearerAuthToken().value();
        boolean fromUserInfo = RegistryClientConfig.CREDENTIALS_FROM_USER_INFO.equals(config.basicAuthCredentialsSource());
        RegistryCredentials inUrls = credentialsInUrls(urls);
        if (!token.isEmpty()) {
            if (fromUserInfo || !userInfo.isEmpty() || !inUrls.equals(RegistryCredentials.none())) {
                throw new ConfigException("Only one of basic credentials (" + RegistryClientConfig.BASIC_AUTH_USER_INFO
                        + " or user-info in " + RegistryClientConfig.SCHEMA_REGISTRY_URL + ") and "
                        + RegistryClientConfig.BEARER_AUTH_TOKEN + " may be set");
            }
            return RegistryCredentials.bearer(token);
        }
        if (fromUserInfo) {
            if (userInfo.indexOf(':') <= 0) {
                throw new ConfigException(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs "
                        + RegistryClientConfig.BASIC_AUTH_USER_INFO + "=user:password (it is empty or has no ':')");
            }
            return RegistryCredentials.basic(userInfo);
        }
        if (!userInfo.isEmpty()) {
            // Confluent silently ignores it here, which surfaces later as a puzzling 401.
            throw new ConfigException(RegistryClientConfig.BASIC_AUTH_USER_INFO + " is set but "
                    + RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + " is URL: set "
                    + RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO to send it");
        }
        return inUrls;
    }

    private static RegistryCredentials credentialsInUrls(List<ParsedUrl> urls) {
        return urls.stream().map(ParsedUrl::userInfo).filter(Objects::nonNull).findFirst()
                .map(RegistryCredentials::basic).orElse(RegistryCredentials.none());
    }

    private static ParsedUrl parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, text, "not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, stripUserInfo(text),
                    "a registry URL must be http://host[:port] or https://host[:port] (or mock://scope)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, stripUserInfo(text),
                    "a registry URL must not have a query or a fragment");
        }
        try {
            URI base = new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
            return new ParsedUrl(base, uri.getUserInfo());
        } catch (URISyntaxException e) {
            throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, stripUserInfo(text),
                    "not a valid URL: " + e.getReason());
        }
    }

    /** Error messages must not leak the password of {@code http://user:pass@host}. */
    private static String stripUserInfo(String url) {
        return url.replaceFirst("//[^/@]*@", "//");
    }

    private static void checkBaseUrl(URI url) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) registry URL: " + url);
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("pass credentials as RegistryCredentials, not in the URL");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    private record ParsedUrl(URI url, String userInfo) {
    }
}

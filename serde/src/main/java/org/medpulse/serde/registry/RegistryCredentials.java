package org.medpulse.serde.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What a registry client sends in the {@code Authorization} header: nothing, HTTP basic
 * credentials, or a bearer token. {@link #toString()} never shows the secret.
 */
public final class RegistryCredentials {

    private static final RegistryCredentials NONE = new RegistryCredentials("none", null);

    private final String kind;
    private final String authorization;

    private RegistryCredentials(String kind, String authorization) {
        this.kind = kind;
        this.authorization = authorization;
    }

    public static RegistryCredentials none() {
        return NONE;
    }

    /** Basic credentials from {@code user:password} (the password may itself contain ':'). */
    public static RegistryCredentials basic(String userInfo) {
        Objects.requireNonNull(userInfo, "userInfo");
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("basic credentials must have the form user:password");
        }
        String encoded = Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return new RegistryCredentials("basic user '" + userInfo.substring(0, colon) + "'", "Basic " + encoded);
    }

    public static RegistryCredentials bearer(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be empty");
        }
        return new RegistryCredentials("bearer token", "Bearer " + token);
    }

    /** The value of the {@code Authorization} header, if any. */
    public Optional<String> authorizationHeader() {
        return Optional.ofNullable(authorization);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryCredentials that && Objects.equals(authorization, that.authorization);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(authorization);
    }

    @Override
    public String toString() {
        return kind;
    }
}

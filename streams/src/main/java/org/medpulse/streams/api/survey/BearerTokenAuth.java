package org.medpulse.streams.api.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;

/**
 * Requires {@code Authorization: Bearer <token>} (RFC 6750) when a token is configured. The live
 * stream also takes {@code ?access_token=<token>}, because browsers' {@code EventSource} cannot
 * send headers; no other route does, so tokens stay out of ordinary URLs and their logs. The
 * comparison takes the same time whatever the guess, so the token cannot be found byte by byte.
 */
final class BearerTokenAuth implements Handler {

    static final String SCHEME = "Bearer";
    static final String CHALLENGE = "Bearer realm=\"medpulse\"";

    private final Optional<byte[]> token;

    BearerTokenAuth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    boolean enabled() {
        return token.isPresent();
    }

    @Override
    public void handle(Context ctx) {
        if (token.isEmpty()) {
            return;
        }
        String presented = presentedToken(ctx);
        if (presented == null) {
            throw new ApiException(401, "Missing bearer token: send 'Authorization: Bearer <token>'",
                    Map.of(Header.WWW_AUTHENTICATE, CHALLENGE));
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.get())) {
            throw new ApiException(401, "Invalid bearer token",
                    Map.of(Header.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\""));
        }
    }

    private static String presentedToken(Context ctx) {
        String header = ctx.header(Header.AUTHORIZATION);
        if (header != null) {
            return header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)
                    ? header.substring(SCHEME.length() + 1).trim()
                    : null;
        }
        return ApiRoute.STREAM.path().equals(ctx.path()) ? ctx.queryParam(QueryParameters.ACCESS_TOKEN) : null;
    }
}

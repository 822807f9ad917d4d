package org.medpulse.streams.api.survey;

import java.util.Map;
import java.util.Objects;

import org.medpulse.streams.query.Audience;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;

/**
 * Tells who a request to {@code /api} is for, from its bearer token (RFC 6750): the audience the
 * token names, or the audience of token-less requests, or 401 when a token is wrong or a required
 * one is missing. The live stream also takes {@code ?access_token=<token>}, because browsers'
 * {@code EventSource} cannot send headers; no other route does, so tokens stay out of ordinary
 * URLs and their logs.
 */
final class AudienceAuth implements Handler {

    static final String SCHEME = "Bearer";
    static final String CHALLENGE = "Bearer realm=\"medpulse\"";
    private static final String AUDIENCE = "medpulse.audience";

    private final ApiTokens tokens;
    private final boolean tokenRequired;
    private final Audience tokenless;

    AudienceAuth(ApiTokens tokens, boolean tokenRequired, Audience tokenless) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.tokenRequired = tokenRequired;
        this.tokenless = Objects.requireNonNull(tokenless, "tokenless");
    }

    static AudienceAuth of(SurveyApiConfig config) {
        return new AudienceAuth(config.tokens(), config.tokenRequired(), config.tokenlessAudience());
    }

    @Override
    public void handle(Context ctx) {
        ctx.attribute(AUDIENCE, audience(ctx));
    }

    /** The audience the handler found for {@code ctx}; the token-less one if it did not run. */
    Audience of(Context ctx) {
        return Objects.requireNonNullElse(ctx.attribute(AUDIENCE), tokenless);
    }

    private Audience audience(Context ctx) {
        if (tokens.isEmpty()) {
            return tokenless; // no token can be right or wrong: answered as before tokens existed
        }
        String presented = presentedToken(ctx);
        if (presented == null) {
            if (tokenRequired) {
                throw new ApiException(401, "Missing bearer token: send 'Authorization: Bearer <token>'",
                        Map.of(Header.WWW_AUTHENTICATE, CHALLENGE));
            }
            return tokenless;
        }
        return tokens.audienceOf(presented).orElseThrow(() -> new ApiException(401, "Invalid bearer token",
                Map.of(Header.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"")));
    }

    private static String presentedToken(Context ctx) {
        String header = ctx.header(Header.AUTHORIZATION);
        if (header != null) {
            return header.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)
                    ? header.substring(SCHEME.length() + 1).trim()
                    : "";
        }
        return ApiRoute.STREAM.path().equals(ctx.path()) ? ctx.queryParam(QueryParameters.ACCESS_TOKEN) : null;
    }
}

package org.medpulse.streams.api.survey;

import java.util.ArrayList;
import java.util.List;

import org.medpulse.streams.query.QueryParameters;

/**
 * Every route this package serves with the query parameters it accepts: the single list that
 * request validation, authentication and the OpenAPI test all read.
 */
public enum ApiRoute {
    WAVES("/api/v1/waves", List.of(QueryParameters.ALLOW_STALE)),
    WAVE_USAGE("/api/v1/waves/{wave}/usage", filtersAnd(QueryParameters.ALLOW_STALE)),
    WAVE_BARRIERS("/api/v1/waves/{wave}/barriers", filtersAnd(QueryParameters.ALLOW_STALE)),
    WAVE_TOOLS("/api/v1/waves/{wave}/tools", filtersAnd(QueryParameters.TOP, QueryParameters.ALLOW_STALE)),
    ROLLING_USAGE("/api/v1/usage/rolling", filtersAnd(QueryParameters.DAYS, QueryParameters.UNTIL, QueryParameters.ALLOW_STALE)),
    TOOL_TREND("/api/v1/tools/{tool}/trend", filtersAnd(QueryParameters.ALLOW_STALE)),
    STREAM("/api/v1/stream", List.of(QueryParameters.ACCESS_TOKEN)),
    OPENAPI("/openapi.json", List.of()),
    METRICS("/metrics", List.of());

    /** The prefix under which a bearer token is required when one is configured. */
    public static final String PROTECTED_PREFIX = "/api/";

    private final String path;
    private final List<String> queryParameters;

    ApiRoute(String path, List<String> queryParameters) {
        this.path = path;
        this.queryParameters = queryParameters;
    }

    public String path() {
        return path;
    }

    public List<String> queryParameters() {
        return queryParameters;
    }

    public boolean isProtected() {
        return path.startsWith(PROTECTED_PREFIX);
    }

    private static List<String> filtersAnd(String... more) {
        List<String> names = new ArrayList<>(QueryParameters.FILTERS);
        names.addAll(List.of(more));
        return List.copyOf(names);
    }
}

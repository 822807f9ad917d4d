package org.medpulse.streams.api.survey;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.QueryParameters;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.SurveyQueryService;
import org.medpulse.streams.query.SurveyStatsReader;
import org.medpulse.streams.query.live.WaveTotalsFeed;
import org.medpulse.streams.query.live.WaveTotalsPoller;
import org.medpulse.streams.query.live.WaveTotalsPublisher;
import org.medpulse.streams.query.routing.PartitionedStores;
import org.medpulse.streams.query.routing.PeerProtocol;
import org.medpulse.streams.query.routing.RoutedSurveyStatsReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The survey API: {@code /api/v1/**}, {@code /openapi.json} and {@code /metrics}, mounted into the
 * application's Javalin server. Each handler validates every parameter first (a bad parameter is a
 * 400 even for an unknown wave), asks the {@link SurveyQueryService}, and maps a failure to its
 * status. Errors are always {@code {"error","status"}} JSON, never a stack trace or HTML.
 *
 * <pre>{@code
 * SurveyApi api = SurveyApi.create(config, reader, catalogue, metrics);
 * Javalin.create(c -> c.router.mount(api::register)).start(port);
 * ...
 * api.close();
 * }</pre>
 */
public final class SurveyApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyApi.class);

    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String STARTED_AT = "medpulse.startNanos";
    private static final String ROUTE = "medpulse.route";
    private static final String UNMATCHED = "unmatched";

    private final SurveyQueryService service;
    private final ServiceMetrics metrics;
    private final BearerTokenAuth auth;
    private final int retryAfterSeconds;
    private final Clock clock;
    private final WaveTotalsFeed feed;
    private final WaveTotalsPoller poller;
    private final WaveTotalsStream stream;
    private final byte[] openApi;
    private final Optional<PartitionedStores> served;

    private SurveyApi(SurveyApiConfig config, SurveyQueryService service, ServiceMetrics metrics, Clock clock,
                      WaveTotalsFeed feed, WaveTotalsPoller poller, Optional<PartitionedStores> served) {
        this.service = service;
        this.metrics = metrics;
        this.auth = new BearerTokenAuth(config.apiToken());
        this.retryAfterSeconds = config.retryAfterSeconds();
        this.clock = clock;
        this.feed = feed;
        this.poller = poller;
        this.stream = new WaveTotalsStream(feed, service, config.streamHeartbeatInterval(), config.streamMaxClients());
        this.openApi = OpenApiDocument.load();
        this.served = served;
    }

    /**
     * The API over {@code reader}, with the live stream fed by polling the reader. {@code catalogue}
     * is read per request: pass the runtime-extended catalogue, not a snapshot.
     */
    public static SurveyApi create(SurveyApiConfig config, SurveyStatsReader reader, Supplier<ToolCatalogue> catalogue,
                                   ServiceMetrics metrics) {
        return create(config, reader, catalogue, metrics, Clock.systemUTC());
    }

    /** As {@link #create(SurveyApiConfig, SurveyStatsReader, Supplier, ServiceMetrics)}, with the clock that says what "today" is. */
    public static SurveyApi create(SurveyApiConfig config, SurveyStatsReader reader, Supplier<ToolCatalogue> catalogue,
                                   ServiceMetrics metrics, Clock clock) {
        return create(config, reader, catalogue, metrics, clock, Optional.empty());
    }

    /**
     * The API of one instance among several: answers from {@code reader}, which asks the other
     * instances for their partitions, and serves this instance's partitions to them at
     * {@value PeerProtocol#ROUTE}.
     */
    public static SurveyApi routed(SurveyApiConfig config, RoutedSurveyStatsReader reader, Supplier<ToolCatalogue> catalogue,
                                   ServiceMetrics metrics, Clock clock) {
        return create(config, reader, catalogue, metrics, clock, Optional.of(reader.localStores()));
    }

    private static SurveyApi create(SurveyApiConfig config, SurveyStatsReader reader, Supplier<ToolCatalogue> catalogue,
                                    ServiceMetrics metrics, Clock clock, Optional<PartitionedStores> served) {
        SurveyQueryService service = new SurveyQueryService(reader, catalogue, config.smallCellPolicy());
        WaveTotalsFeed feed = new WaveTotalsFeed();
        WaveTotalsPoller poller = WaveTotalsPoller.start(reader, feed, config.streamPollInterval());
        return new SurveyApi(config, service, Objects.requireNonNull(metrics, "metrics"), clock, feed, poller, served);
    }

    /** Where the topology may push wave totals directly, on top of polling. */
    public WaveTotalsPublisher publisher() {
        return feed;
    }

    /** Registers the routes, the bearer-token check, request timing and the JSON error handlers. */
    public void register(JavalinDefaultRoutingApi<?> routes) {
        routes.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        // Runs only once a route matched, and first: remembers the route template for the timer.
        routes.beforeMatched(ctx -> ctx.attribute(ROUTE, ctx.endpointHandlerPath()));
        routes.beforeMatched(ApiRoute.PROTECTED_PREFIX + "*", auth);
        routes.beforeMatched(PeerProtocol.PATH_PREFIX + "*", auth);
        routes.after(this::recordTiming);

        routes.get(ApiRoute.WAVES.path(), ctx -> {
            QueryParameters params = parameters(ctx, ApiRoute.WAVES);
            respond(ctx, service.waves(params.readOptions()));
        });
        routes.get(ApiRoute.WAVE_USAGE.path(), ctx -> {
            QueryParameters params = parameters(ctx, ApiRoute.WAVE_USAGE);
            String wave = QueryParameters.wave(ctx.pathParam("wave"));
            respond(ctx, service.usage(wave, params.filter(), params.readOptions()));
        });
        routes.get(ApiRoute.WAVE_BARRIERS.path(), ctx -> {
            QueryParameters params = parameters(ctx, ApiRoute.WAVE_BARRIERS);
            String wave = QueryParameters.wave(ctx.pathParam("wave"));
            respond(ctx, service.barriers(wave, params.filter(), params.readOptions()));
        });
        routes.get(ApiRoute.WAVE_TOOLS.path(), ctx -> {
            QueryParameters params = parameters(ctx, ApiRoute.WAVE_TOOLS);
            String wave = QueryParameters.wave(ctx.pathParam("wave"));
            respond(ctx, service.tools(wave, params.filter(), params.top(), params.readOptions()));
        });
        routes.get(ApiRoute.ROLLING_USAGE.path(), ctx -> {
            QueryParameters params = parameters(ctx, ApiRoute.ROLLING_USAGE);
            respond(ctx, service.rollingUsage(params.dayRange(clock), params.filter(), params.readOptions()));
        });
        routes.get(ApiRoute.TOOL_TREND.path(), ctx -> {
            QueryParameters params = parameters(ctx, ApiRoute.TOOL_TREND);
            String tool = QueryParameters.tool(ctx.pathParam("tool"));
            respond(ctx, service.toolTrend(tool, params.filter(), params.readOptions()));
        });
        routes.get(ApiRoute.STREAM.path(), ctx -> {
            parameters(ctx, ApiRoute.STREAM);
            stream.handle(ctx);
        });
        served.ifPresent(stores -> routes.get(PeerProtocol.ROUTE, ctx -> {
            PeerProtocol.Request request = PeerProtocol.parse(ctx.pathParam("kind"), singleValued(ctx));
            ctx.contentType(JSON).result(ApiJson.write(PeerProtocol.answer(stores, request)));
        }));
        routes.get(ApiRoute.OPENAPI.path(), ctx -> ctx.contentType(JSON).result(openApi));
        routes.get(ApiRoute.METRICS.path(), ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));

        routes.exception(InvalidParameterException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            error(ctx, e.status(), e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "Internal error; see the server log");
        });
        // Javalin's own 404/405 bodies are plain text or HTML; ours stay when a handler wrote one.
        routes.error(404, ctx -> replaceUnlessJson(ctx, "No such endpoint: " + ctx.method() + " " + ctx.path()
                + "; see /openapi.json"));
        routes.error(405, ctx -> replaceUnlessJson(ctx, "Method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    /** Stops the live stream's polling and closes the connected stream clients. */
    @Override
    public void close() {
        poller.close();
        stream.close();
    }

    int streamClients() {
        return stream.clients();
    }

    private static QueryParameters parameters(Context ctx, ApiRoute route) {
        return QueryParameters.of(ctx.queryParamMap()).allowOnly(route.queryParameters(), route.path());
    }

    private static Map<String, String> singleValued(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, given) -> {
            if (given.size() != 1) {
                throw new InvalidParameterException(name, "Parameter '" + name + "' must be given once");
            }
            values.put(name, given.get(0));
        });
        return values;
    }

    private void respond(Context ctx, QueryResult<?> result) {
        if (result instanceof QueryResult.Failure<?> failure) {
            FailureReason reason = failure.reason();
            if (reason.isRetriable()) {
                ctx.header(Header.RETRY_AFTER, Integer.toString(retryAfterSeconds));
                error(ctx, 503, failure.message());
            } else {
                error(ctx, 404, failure.message());
            }
            return;
        }
        ctx.status(200).contentType(JSON).result(ApiJson.write(result.value()));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType(JSON).result(ApiJson.write(new ApiError(message, status)));
    }

    private static void replaceUnlessJson(Context ctx, String message) {
        String contentType = ctx.res().getContentType();
        if (contentType == null || !contentType.startsWith(JSON)) {
            error(ctx, ctx.statusCode(), message);
        }
    }

    private void recordTiming(Context ctx) {
        Long started = ctx.attribute(STARTED_AT);
        String route = Objects.requireNonNullElse(ctx.attribute(ROUTE), UNMATCHED);
        if (started == null || ApiRoute.STREAM.path().equals(route)) {
            return; // a stream lasts as long as its client stays: not a latency
        }
        metrics.recordRequest(ctx.method().name(), route, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
    }
}

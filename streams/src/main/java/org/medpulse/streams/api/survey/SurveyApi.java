package org.medpulse.streams.api.survey;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.medpulse.streams.api.ResponseBodies;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.live.WaveTotalsFeed;
import org.medpulse.streams.query.live.WaveTotalsPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.core.instrument.FunctionCounter;

/**
 * The survey API: {@code /api/v1/**}, {@code /openapi.json} and {@code /metrics}, mounted into the
 * application's Javalin server. Every question route works alike: validate every parameter first
 * (a bad parameter is a 400 even for an unknown wave), make the route's question, ask the
 * {@link QueryService}, and map a failure to its status. Errors are always
 * {@code {"error","status"}} JSON, never a stack trace or HTML.
 *
 * <pre>{@code
 * SurveyApi api = SurveyApi.create(config, queries, ApiRoute.ALL, metrics, clock);
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
    private static final String UNMATCHED = "unmatched";
    static final String ANSWERS_KEPT = "medpulse.api.answers.kept";
    static final String ANSWERS_MADE = "medpulse.api.answers.made";

    private final QueryService queries;
    private final List<ApiRoute> routes;
    private final ServiceMetrics metrics;
    private final AudienceAuth auth;
    private final int retryAfterSeconds;
    private final Clock clock;
    private final WaveTotalsPoller poller;
    private final WaveTotalsStream stream;
    private final byte[] openApi;
    private final AnswerCache answers;

    private SurveyApi(SurveyApiConfig config, QueryService queries, List<ApiRoute> routes, ServiceMetrics metrics,
                      Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.routes = List.copyOf(routes);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.auth = AudienceAuth.of(config);
        this.retryAfterSeconds = config.retryAfterSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<Audience, WaveTotalsFeed> feeds = new EnumMap<>(Audience.class);
        for (Audience audience : Audience.values()) {
            feeds.put(audience, new WaveTotalsFeed());
        }
        this.poller = WaveTotalsPoller.start(queries, feeds, config.streamPollInterval());
        this.stream = new WaveTotalsStream(feeds, auth, config.streamHeartbeatInterval(), config.streamMaxClients());
        this.openApi = OpenApiDocument.load();
        this.answers = new AnswerCache(() -> queries.version(ReadOptions.activeOnly()), config.answerCacheEntries());
        FunctionCounter.builder(ANSWERS_KEPT, answers, AnswerCache::kept)
                .description("Answers given again: same question, audience and catalogue, stores unchanged since")
                .register(metrics.registry());
        FunctionCounter.builder(ANSWERS_MADE, answers, AnswerCache::made)
                .description("Answers (or failures) read from the stores and written anew")
                .register(metrics.registry());
    }

    /**
     * The API over {@code queries} for {@code routes} ({@link ApiRoute#ALL}, or more), with the
     * live stream fed by asking {@code queries} and the clock that says what "today" is.
     */
    public static SurveyApi create(SurveyApiConfig config, QueryService queries, List<ApiRoute> routes,
                                   ServiceMetrics metrics, Clock clock) {
        return new SurveyApi(config, queries, routes, metrics, clock);
    }

    /** Registers the routes, the bearer-token check, request timing and the JSON error handlers. */
    public void register(JavalinDefaultRoutingApi<?> javalin) {
        javalin.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        javalin.after(this::recordTiming);

        for (ApiRoute route : routes) {
            route.question().ifPresent(question -> get(javalin, route, ctx -> {
                ApiRoute.Request request = request(ctx, route);
                respond(ctx, answer(question.factory().question(request), request));
            }));
        }
        get(javalin, ApiRoute.STREAM, ctx -> {
            parameters(ctx, ApiRoute.STREAM);
            stream.handle(ctx);
        });
        get(javalin, ApiRoute.OPENAPI, ctx -> ctx.contentType(JSON).result(openApi));
        get(javalin, ApiRoute.METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));

        javalin.exception(InvalidParameterException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        javalin.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            error(ctx, e.status(), e.getMessage());
        });
        javalin.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        javalin.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "Internal error; see the server log");
        });
        // Javalin's own 404/405 bodies are plain text or HTML; ours stay when a handler wrote one.
        javalin.error(404, ctx -> replaceUnlessJson(ctx, "No such endpoint: " + ctx.method() + " " + ctx.path()
                + "; see /openapi.json"));
        javalin.error(405, ctx -> replaceUnlessJson(ctx, "Method " + ctx.method() + " not allowed on " + ctx.path()));
    }

    /**
     * A route whose handler checks the bearer token first when the route is protected. Not Javalin's
     * {@code beforeMatched}: with any such handler, Javalin matches every request's path against the
     * routes twice more (whether one will match, and which), a twentieth of the request threads' time
     * under {@code bench api}.
     */
    private void get(JavalinDefaultRoutingApi<?> javalin, ApiRoute route, Handler handler) {
        if (route.isProtected()) {
            javalin.get(route.path(), ctx -> {
                auth.handle(ctx);
                handler.handle(ctx);
            });
        } else {
            javalin.get(route.path(), handler);
        }
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

    private ApiRoute.Request request(Context ctx, ApiRoute route) {
        return new ApiRoute.Request(parameters(ctx, route), ctx.pathParamMap(), clock, queries.context(auth.of(ctx)));
    }

    private static QueryParameters parameters(Context ctx, ApiRoute route) {
        return QueryParameters.of(ctx.queryParamMap()).allowOnly(route.queryParameters(), route.path());
    }

    // The answer's JSON, given again while nothing it was made from changed. Only active-only reads
    // are kept: the version says nothing of stale copies.
    private QueryResult<byte[]> answer(Question<?, ?> question, ApiRoute.Request request) {
        AnswerContext context = request.context();
        ReadOptions options = request.readOptions();
        Supplier<QueryResult<byte[]>> make = () -> queries.answer(question, options, context).map(ApiJson::write);
        return options.isStaleAllowed() ? make.get() : answers.answer(question, context.audience(), context.catalogue(), make);
    }

    private void respond(Context ctx, QueryResult<byte[]> result) {
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
        ResponseBodies.write(ctx.status(200), JSON, result.value());
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
        // After handlers see the template of the route that answered; when none did, the before
        // handler's "*" or Javalin's description of its 404/405, neither of which is a path.
        String route = ctx.endpointHandlerPath();
        if (route == null || !route.startsWith("/")) {
            route = UNMATCHED;
        }
        if (started == null || ApiRoute.STREAM.path().equals(route)) {
            return; // a stream lasts as long as its client stays: not a latency
        }
        metrics.recordRequest(ctx.method().name(), route, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - started));
    }
}

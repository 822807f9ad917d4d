package org.medpulse.it.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;

/**
 * The dashboard as the streams application will serve it (static files from the classpath
 * directory {@code /dashboard} at {@code /}, Chart.js from its WebJar at {@code /webjars}), in front
 * of a stand-in for the query API that answers from a {@link SurveyPanel} in the issue-5 shapes,
 * and lets a test push live events, drop the stream, and answer 503 (warming up) or fail on purpose.
 * Every API call is recorded.
 *
 * <p>Audiences as in issue 13: {@link #TOKEN} is an analyst's (exact figures, k-suppression, exact
 * times). A request without a token is refused (401) like an instance that requires one
 * ({@link #FakeSurveyApi(SurveyPanel)}), or answered for the public ({@link #withPublicView}: the
 * public's method, times to the day). Under the cell key method, rolling windows other than 1, 7, 30
 * and 90 days get 400, as from the real API.
 */
final class FakeSurveyApi implements AutoCloseable {

    static final String TOKEN = "s3cret-token";
    private static final String STREAM = "/api/v1/stream";
    private static final String VIEW = "view";

    /** One API call as the page made it. */
    record Call(Instant at, String path, Map<String, String> query, String authorization) {

        String param(String name) {
            return query.get(name);
        }
    }

    /** An open stream and the view its events are published for. */
    private record Subscriber(SseClient client, SurveyPanel.View view) {
    }

    private final SurveyPanel panel;
    private final SurveyPanel.View publicView;
    private final boolean tokenRequired;
    private final Javalin app;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Subscriber> streams = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamConnections = new AtomicInteger();
    private final AtomicBoolean warmingUp = new AtomicBoolean();
    private final Set<String> unavailableOnce = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /** An API that requires a token (401 without). */
    FakeSurveyApi(SurveyPanel panel) {
        this(panel, SurveyPanel.Method.suppress(SurveyPanel.MIN_CELL_SIZE), true);
    }

    private FakeSurveyApi(SurveyPanel panel, SurveyPanel.Method publicMethod, boolean tokenRequired) {
        this.panel = panel;
        this.publicView = SurveyPanel.View.forPublic(publicMethod);
        this.tokenRequired = tokenRequired;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            // The configuration the streams application needs for the dashboard.
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        app.before("/api/*", this::guard);
        app.get("/api/v1/waves", ctx -> ctx.json(panel.waves(view(ctx))));
        app.get("/api/v1/waves/{wave}/usage", ctx -> answerForWave(ctx, wave -> panel.usage(wave, filter(ctx), view(ctx))));
        app.get("/api/v1/waves/{wave}/barriers", ctx -> answerForWave(ctx, wave -> panel.barriers(wave, filter(ctx), view(ctx))));
        app.get("/api/v1/waves/{wave}/drivers", ctx -> answerForWave(ctx, wave -> panel.drivers(wave, filter(ctx), view(ctx))));
        app.get("/api/v1/waves/{wave}/tools", ctx -> answerForWave(ctx, wave -> panel.tools(wave, filter(ctx),
                ctx.queryParam("top") == null ? 100 : Integer.parseInt(ctx.queryParam("top")), view(ctx))));
        app.get("/api/v1/usage/rolling", ctx -> {
            int days = ctx.queryParam("days") == null ? 30 : Integer.parseInt(ctx.queryParam("days"));
            if (!view(ctx).method().allowsWindow(days)) {
                error(ctx, 400, "Parameter 'days' must be one of " + SurveyPanel.Method.CELL_KEY_WINDOWS + " for this audience, got "
                        + days);
                return;
            }
            ctx.json(panel.rolling(days,
                    ctx.queryParam("until") == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(ctx.queryParam("until")),
                    filter(ctx), view(ctx)));
        });
        app.get("/api/v1/tools/{tool}/trend", ctx -> {
            String tool = ctx.pathParam("tool");
            if (!panel.hasTool(tool)) {
                error(ctx, 404, "Unknown tool '" + tool + "'");
                return;
            }
            ctx.json(panel.toolTrend(tool, filter(ctx), view(ctx)));
        });
        app.sse(STREAM, client -> {
            client.keepAlive();
            streamConnections.incrementAndGet();
            Subscriber subscriber = new Subscriber(client, view(client.ctx()));
            streams.add(subscriber);
            client.onClose(() -> streams.remove(subscriber));
            // Like the real feed: a new subscriber first gets the totals known so far.
            panel.allWaveTotals(subscriber.view()).forEach(totals -> client.sendEvent("wave-totals", totals));
        });
        app.start("127.0.0.1", 0);
    }

    /** An API that answers requests without a token for the public, whose figures {@code publicMethod} publishes. */
    static FakeSurveyApi withPublicView(SurveyPanel panel, SurveyPanel.Method publicMethod) {
        return new FakeSurveyApi(panel, publicMethod, false);
    }

    /** The page's address, with the analyst's token. */
    String pageUrl() {
        return baseUrl() + "/?token=" + TOKEN;
    }

    /** The page's address without a token: the public's view, unless a token is required. */
    String publicPageUrl() {
        return baseUrl() + "/";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    SurveyPanel panel() {
        return panel;
    }

    /** Pushes the current totals of {@code wave} to every open stream, as the real API does on a change. */
    void pushTotals(String wave) {
        streams.forEach(subscriber -> subscriber.client().sendEvent("wave-totals", panel.waveTotals(wave, subscriber.view())));
    }

    /** Ends every open stream, as a restarting instance would. */
    void dropStreams() {
        streams.forEach(subscriber -> subscriber.client().close());
    }

    int streamConnections() {
        return streamConnections.get();
    }

    /** While on, every API call but the stream answers 503 with Retry-After: 1. */
    void warmingUp(boolean on) {
        warmingUp.set(on);
    }

    /** The next call of {@code path} answers 503 with Retry-After: 1. */
    void unavailableOnce(String path) {
        unavailableOnce.add(path);
    }

    /** Every call of {@code path} fails with {@code status}. */
    void failing(String path, int status) {
        failures.put(path, status);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    private void guard(Context ctx) {
        boolean stream = ctx.path().equals(STREAM);
        if (!stream) {
            Map<String, String> query = ctx.queryParamMap().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
            calls.add(new Call(Instant.now(), ctx.path(), Map.copyOf(query), ctx.header("Authorization")));
        }
        // EventSource cannot send headers: the stream takes the token as ?access_token=.
        String presented = stream ? ctx.queryParam("access_token") : bearer(ctx.header("Authorization"));
        SurveyPanel.View view = TOKEN.equals(presented) ? SurveyPanel.View.ANALYST
                : presented == null && !tokenRequired ? publicView
                : null;
        if (view == null) {
            ctx.header("WWW-Authenticate", "Bearer");
            error(ctx, 401, presented == null ? "A bearer token is required" : "Invalid bearer token");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(VIEW, view);
        if (!stream && (warmingUp.get() || unavailableOnce.remove(ctx.path()))) {
            ctx.header("Retry-After", "1");
            error(ctx, 503, "The MedPulse stores are not queryable yet (REBALANCING)");
            ctx.skipRemainingHandlers();
            return;
        }
        Integer failure = failures.get(ctx.path());
        if (failure != null) {
            error(ctx, failure, "Injected failure for " + ctx.path());
            ctx.skipRemainingHandlers();
        }
    }

    private static SurveyPanel.View view(Context ctx) {
        return ctx.attribute(VIEW);
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    private void answerForWave(Context ctx, Function<String, Map<String, Object>> answer) {
        String wave = ctx.pathParam("wave");
        if (!panel.hasWave(wave)) {
            error(ctx, 404, "Unknown wave '" + wave + "'");
            return;
        }
        ctx.json(answer.apply(wave));
    }

    private static SurveyPanel.Filter filter(Context ctx) {
        return new SurveyPanel.Filter(blankToNull(ctx.queryParam("partner")), blankToNull(ctx.queryParam("practiceType")),
                blankToNull(ctx.queryParam("setting")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message, "status", status));
    }

    @Override
    public void close() {
        dropStreams();
        app.stop();
    }
}

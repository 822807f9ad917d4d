package org.medpulse.streams.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;

/**
 * The instance's HTTP server (Javalin): health endpoints, the dashboard, and the survey query API that
 * {@link org.medpulse.streams.app.StreamsApplication} mounts on {@link #javalin()}. Started before
 * Kafka Streams, because the bound port is part of {@code application.server}.
 */
public final class ApiServer implements AutoCloseable {

    private final Javalin javalin;

    private ApiServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts on {@code host}:{@code port} (0: a free port). */
    public static ApiServer start(String host, int port, HealthCheck health) {
        Javalin javalin = Javalin.create(config -> {
                    config.showJavalinBanner = false;
                    // The dashboard at "/": static files from the jar, Chart.js from its WebJar.
                    config.staticFiles.add(files -> {
                        files.hostedPath = "/";
                        files.directory = "/dashboard";
                        files.location = Location.CLASSPATH;
                    });
                    config.staticFiles.enableWebjars();
                })
                .get("/health/live", ctx -> respond(ctx, health.live()))
                .get("/health/ready", ctx -> respond(ctx, health.ready()));
        javalin.start(host, port);
        return new ApiServer(javalin);
    }

    private static void respond(Context ctx, HealthCheck.Status status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.up() ? "UP" : "DOWN");
        body.put("state", status.state());
        if (status.detail() != null) {
            body.put("detail", status.detail());
        }
        ResponseBodies.write(ctx.status(status.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE),
                ContentType.JSON, ctx.jsonMapper().toJsonString(body, Map.class).getBytes(StandardCharsets.UTF_8));
    }

    /** The bound port. */
    public int port() {
        return javalin.port();
    }

    /** For the query API: routes are added to the same server. */
    public Javalin javalin() {
        return javalin;
    }

    @Override
    public void close() {
        javalin.stop();
    }
}

package org.medpulse.devstack.registry.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.UriCompliance;
import org.medpulse.devstack.registry.core.LookupFilter;
import org.medpulse.devstack.registry.core.Registry;
import org.medpulse.devstack.registry.core.RegistryException;
import org.medpulse.devstack.registry.core.SchemaRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/**
 * Confluent Schema Registry's REST API over a {@link Registry}: the paths, bodies, status codes
 * and error codes of Confluent's API reference, for Avro schemas. Every response, errors
 * included, is JSON of type {@code application/vnd.schemaregistry.v1+json}; paths and features
 * not implemented here answer 404 in the same error form.
 */
public final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    /** Confluent's "every subject" value of {@code subjectPrefix}. */
    private static final String ANY_SUBJECT = ":*:";
    private static final String READWRITE = "READWRITE";

    private final Registry registry;
    private final ObjectMapper json = new ObjectMapper();
    private final RequestBodies bodies = new RequestBodies(json);

    private RestApi(Registry registry) {
        this.registry = registry;
    }

    /** A server (not started) answering the registry API for {@code registry}. */
    public static Javalin create(Registry registry) {
        return new RestApi(registry).javalin();
    }

    private Javalin javalin() {
        Javalin app = Javalin.create(this::configure);

        app.get("/", ctx -> reply(ctx, Map.of()));

        app.get("/subjects", ctx -> reply(ctx, registry.subjects(filter(ctx), subjectPrefix(ctx))));
        app.post("/subjects/{subject}", ctx ->
                reply(ctx, registry.lookup(subject(ctx), bodies.schemaRequest(ctx), flag(ctx, "deleted"))));
        app.delete("/subjects/{subject}", ctx ->
                reply(ctx, registry.deleteSubject(subject(ctx), flag(ctx, "permanent"))));
        app.get("/subjects/{subject}/versions", ctx -> reply(ctx, registry.versions(subject(ctx), filter(ctx))));
        app.post("/subjects/{subject}/versions", ctx ->
                reply(ctx, new RegisteredId(registry.register(subject(ctx), bodies.schemaRequest(ctx)))));
        app.get("/subjects/{subject}/versions/{version}", ctx ->
                reply(ctx, registry.version(subject(ctx), version(ctx), flag(ctx, "deleted"))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx ->
                raw(ctx, registry.version(subject(ctx), version(ctx), flag(ctx, "deleted")).schema()));
        app.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            registry.version(subject(ctx), version(ctx), true);
            reply(ctx, List.of()); // references are not supported, so nothing refers to a version
        });
        app.delete("/subjects/{subject}/versions/{version}", ctx ->
                reply(ctx, registry.deleteVersion(subject(ctx), version(ctx), flag(ctx, "permanent"))));

        app.get("/schemas/types", ctx -> reply(ctx, List.of(SchemaRequest.AVRO)));
        app.get("/schemas/ids/{id}", ctx -> reply(ctx, new SchemaString(registry.schema(id(ctx)).text())));
        app.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, registry.schema(id(ctx)).text()));
        app.get("/schemas/ids/{id}/subjects", ctx ->
                reply(ctx, registry.subjectsOf(id(ctx), flag(ctx, "deleted"))));
        app.get("/schemas/ids/{id}/versions", ctx -> reply(ctx, registry.versionsOf(id(ctx), flag(ctx, "deleted"))
                .stream().map(v -> new SubjectAndVersion(v.subject(), v.version())).toList()));

        app.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));
        app.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> compatibility(ctx, version(ctx)));

        app.get("/config", ctx -> reply(ctx, new Config(registry.globalLevel().name())));
        app.put("/config", ctx -> reply(ctx, new ConfigUpdate(registry.setLevel(null, bodies.compatibility(ctx)).name())));
        app.delete("/config", ctx -> reply(ctx, new Config(registry.deleteGlobalLevel().name())));
        app.get("/config/{subject}", ctx ->
                reply(ctx, new Config(registry.subjectLevel(subject(ctx), flag(ctx, "defaultToGlobal")).name())));
        app.put("/config/{subject}", ctx ->
                reply(ctx, new ConfigUpdate(registry.setLevel(subject(ctx), bodies.compatibility(ctx)).name())));
        app.delete("/config/{subject}", ctx ->
                reply(ctx, new Config(registry.deleteSubjectLevel(subject(ctx)).name())));

        // Modes are not implemented: the registry is always READWRITE, globally and per subject.
        app.get("/mode", ctx -> reply(ctx, new Mode(READWRITE)));
        app.get("/mode/{subject}", ctx -> {
            if (!flag(ctx, "defaultToGlobal")) {
                throw RegistryException.modeNotConfigured(subject(ctx));
            }
            reply(ctx, new Mode(READWRITE));
        });

        app.exception(RegistryException.class, (e, ctx) -> error(ctx, e.httpStatus(), e.errorCode(), e.getMessage()));
        // Unmatched paths and methods (EndpointNotFound) and Javalin's own refusals, e.g. a body too large.
        app.exception(HttpResponseException.class, (e, ctx) -> {
            ErrorMessage plain = ErrorMessage.ofStatus(e.getStatus());
            error(ctx, e.getStatus(), plain.errorCode(), plain.message());
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, 500, "Internal Server Error: " + e);
        });
        return app;
    }

    private void configure(JavalinConfig config) {
        config.showJavalinBanner = false;
        config.http.defaultContentType = MediaTypes.SCHEMA_REGISTRY_V1_JSON;
        config.router.ignoreTrailingSlashes = true;
        config.requestLogger.http((ctx, ms) -> LOG.debug("{} {} -> {} in {} ms",
                ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms)));
        // Subject names may contain '/', which clients send as %2F.
        config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
                UriCompliance.DEFAULT.with("schema-registry", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR)));
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
    }

    private void compatibility(Context ctx, String version) {
        List<String> incompatibilities = registry.incompatibilities(subject(ctx), version, bodies.schemaRequest(ctx));
        List<String> messages = flag(ctx, "verbose") ? incompatibilities : null;
        reply(ctx, new CompatibilityCheck(incompatibilities.isEmpty(), messages));
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static String version(Context ctx) {
        return ctx.pathParam("version");
    }

    /** A schema id that is not an integer matches no resource, as in Confluent (plain 404). */
    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new RegistryException(404, 404, ErrorMessage.ofStatus(404).message());
        }
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    private static LookupFilter filter(Context ctx) {
        return LookupFilter.of(flag(ctx, "deleted"), flag(ctx, "deletedOnly"));
    }

    private static String subjectPrefix(Context ctx) {
        String prefix = ctx.queryParam("subjectPrefix");
        return prefix == null || prefix.equals(ANY_SUBJECT) ? "" : prefix;
    }

    private void reply(Context ctx, Object body) {
        try {
            ctx.contentType(MediaTypes.SCHEMA_REGISTRY_V1_JSON).result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a response as JSON", e);
        }
    }

    /** A schema returned as-is (it is JSON itself), as Confluent's {@code …/schema} endpoints do. */
    private static void raw(Context ctx, String schema) {
        ctx.contentType(MediaTypes.SCHEMA_REGISTRY_V1_JSON).result(schema);
    }

    private void error(Context ctx, int status, int errorCode, String message) {
        ctx.status(status);
        reply(ctx, new ErrorMessage(errorCode, message));
    }

    private record RegisteredId(int id) {
    }

    private record SchemaString(String schema) {
    }

    private record SubjectAndVersion(String subject, int version) {
    }

    private record Config(String compatibilityLevel) {
    }

    private record ConfigUpdate(String compatibility) {
    }

    private record Mode(String mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record CompatibilityCheck(@JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {
    }
}

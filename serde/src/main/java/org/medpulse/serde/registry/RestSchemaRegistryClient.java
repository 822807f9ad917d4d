package org.medpulse.serde.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client for Confluent's Schema Registry REST API (and registries that implement it, such as the
 * MedPulse embedded one), on {@link HttpClient} and Jackson.
 *
 * <p>Each request goes to the URL that answered last; on a connection error, a timeout or a 5xx
 * answer it fails over to the next URL, and once every URL has failed it waits (exponential backoff)
 * and starts again, {@link RetryPolicy#maxRetries()} times. A 4xx answer is final: it becomes the
 * typed {@link SchemaRegistryException} for its {@code error_code} at once. When every attempt has
 * failed, the exception names the request, the URLs, the number of attempts and the last cause.
 *
 * <p>Nothing is cached here: the serdes keep what they need.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** The media type Confluent's clients send. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** What Confluent's clients accept, most preferred first. */
    public static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY_SHOWN = 200;

    private final RestClientOptions options;
    private final Sleeper sleeper;
    private final HttpClient http;
    /** Index of the URL that answered last: requests start there, as Confluent's UrlList does. */
    private final AtomicInteger preferredUrl = new AtomicInteger();

    public RestSchemaRegistryClient(RestClientOptions options) {
        this(options, Sleeper.THREAD);
    }

    RestSchemaRegistryClient(RestClientOptions options, Sleeper sleeper) {
        this.options = options;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public RestClientOptions options() {
        return options;
    }

    @Override
    public int register(String subject, Schema schema) {
        return call("POST", path("subjects", subject, "versions"), schemaBody(schema),
                json -> requiredInt(json, "id"));
    }

    @Override
    public int getId(String subject, Schema schema) {
        return lookup(subject, schema).id();
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return call("POST", path("subjects", subject), schemaBody(schema), json -> registeredSchema(json, subject));
    }

    @Override
    public Schema getSchemaById(int id) {
        return call("GET", path("schemas", "ids", Integer.toString(id)), null, json -> avroSchema(json));
    }

    @Override
    public RegisteredSchema getLatestSchema(String subject) {
        return call("GET", path("subjects", subject, "versions", "latest"), null,
                json -> registeredSchema(json, subject));
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return call("GET", path("subjects", subject, "versions", Integer.toString(version)), null,
                json -> registeredSchema(json, subject));
    }

    @Override
    public List<String> getSubjects() {
        return call("GET", "/subjects", null, json -> list(json, JsonNode::isTextual, JsonNode::textValue));
    }

    @Override
    public List<Integer> getVersions(String subject) {
        return call("GET", path("subjects", subject, "versions"), null,
                json -> list(json, JsonNode::canConvertToInt, JsonNode::intValue));
    }

    @Override
    public CompatibilityCheck testCompatibility(String subject, Schema schema) {
        return compatibility(subject, "latest", schema);
    }

    @Override
    public CompatibilityCheck testCompatibility(String subject, int version, Schema schema) {
        return compatibility(subject, Integer.toString(version), schema);
    }

    private CompatibilityCheck compatibility(String subject, String version, Schema schema) {
        String path = path("compatibility", "subjects", subject, "versions", version) + "?verbose=true";
        return call("POST", path, schemaBody(schema), json -> {
            JsonNode compatible = json.get("is_compatible");
            if (compatible == null || !compatible.isBoolean()) {
                throw new UnexpectedResponse("no boolean 'is_compatible'");
            }
            List<String> messages = json.has("messages")
                    ? list(json.get("messages"), JsonNode::isTextual, JsonNode::textValue)
                    : List.of();
            return new CompatibilityCheck(compatible.booleanValue(), messages);
        });
    }

    @Override
    public CompatibilityLevel getGlobalCompatibility() {
        return call("GET", "/config", null, RestSchemaRegistryClient::compatibilityLevel);
    }

    @Override
    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        return call("PUT", "/config", compatibilityBody(level), RestSchemaRegistryClient::compatibilityLevel);
    }

    @Override
    public Optional<CompatibilityLevel> getSubjectCompatibility(String subject) {
        try {
            return Optional.of(call("GET", path("config", subject), null,
                    RestSchemaRegistryClient::compatibilityLevel));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        return call("PUT", path("config", subject), compatibilityBody(level),
                RestSchemaRegistryClient::compatibilityLevel);
    }

    @Override
    public void deleteSubjectCompatibility(String subject) {
        call("DELETE", path("config", subject), null, json -> null);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return call("DELETE", path("subjects", subject) + permanentQuery(permanent), null,
                json -> list(json, JsonNode::canConvertToInt, JsonNode::intValue));
    }

    @Override
    public int deleteVersion(String subject, int version, boolean permanent) {
        return call("DELETE", path("subjects", subject, "versions", Integer.toString(version))
                + permanentQuery(permanent), null, json -> {
                    if (!json.canConvertToInt()) {
                        throw new UnexpectedResponse("expected the deleted version number");
                    }
                    return json.intValue();
                });
    }

    @Override
    public void close() {
        // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end with the client.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the registry HTTP client failed", e);
            }
        }
    }

    /**
     * Sends one logical request, with failover and retries, and parses the 2xx answer. {@code path}
     * starts with '/' and is already encoded (it may carry a query).
     */
    private <T> T call(String method, String path, JsonNode body, Function<JsonNode, T> parser) {
        byte[] payload = body == null ? null : bytes(body);
        List<URI> urls = options.urls();
        RetryPolicy retry = options.retry();
        int attempts = 0;
        Failure last = null;
        for (int round = 0; round <= retry.maxRetries(); round++) {
            if (round > 0) {
                pause(retry.delayBeforeRetry(round), method, path, attempts);
            }
            int first = preferredUrl.get();
            for (int i = 0; i < urls.size(); i++) {
                int index = (first + i) % urls.size();
                URI uri = resolve(urls.get(index), path);
                attempts++;
                HttpResponse<byte[]> response;
                try {
                    response = http.send(request(method, uri, payload), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    LOG.debug("Registry attempt {} of {} {} failed: {}", attempts, method, uri, describe(e));
                    last = new Failure(uri, describe(e), e, null);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryUnreachableException("Interrupted while calling the schema registry: "
                            + method + " " + uri, attempts, e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    preferredUrl.set(index);
                    return parse(method, uri, status, response.body(), parser);
                }
                SchemaRegistryException error = error(method, uri, status, response.body());
                if (status < 500) {
                    // The registry understood and refused: asking again, here or elsewhere, changes nothing.
                    preferredUrl.set(index);
                    throw error;
                }
                LOG.debug("Registry attempt {} of {} {} failed: {}", attempts, method, uri, error.getMessage());
                last = new Failure(uri, "HTTP " + status + ": " + error.getMessage(), null, error);
            }
        }
        throw exhausted(method, path, attempts, last);
    }

    private HttpRequest request(String method, URI uri, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("Accept", ACCEPT)
                .header("Content-Type", CONTENT_TYPE)
                .method(method, payload == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload));
        options.credentials().authorizationHeader().ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private void pause(Duration delay, String method, String path, int attempts) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnreachableException("Interrupted while waiting to retry " + method + " " + path
                    + " against the schema registry", attempts, e);
        }
    }

    private SchemaRegistryException exhausted(String method, String path, int attempts, Failure last) {
        List<URI> urls = options.urls();
        String message = String.format("%s %s %s failed after %d attempt%s against %s (max.retries=%d); "
                + "last failure at %s: %s",
                last.error == null ? "Schema registry unreachable:" : "Schema registry unavailable:",
                method, path, attempts, attempts == 1 ? "" : "s",
                urls.size() == 1 ? urls.get(0) : urls, options.retry().maxRetries(), last.uri, last.description);
        if (last.error != null) {
            return new SchemaRegistryException(last.error.httpStatus(), last.error.errorCode(), message, last.error);
        }
        return new SchemaRegistryUnreachableException(message, attempts, last.cause);
    }

    private static <T> T parse(String method, URI uri, int status, byte[] body, Function<JsonNode, T> parser) {
        try {
            JsonNode json = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            return parser.apply(json);
        } catch (IOException | UnexpectedResponse e) {
            throw new SchemaRegistryException(status, SchemaRegistryException.UNPARSEABLE_RESPONSE,
                    "Unexpected answer from the schema registry to " + method + " " + uri + ": " + e.getMessage()
                            + " in " + snippet(body), e);
        }
    }

    /** The typed exception for an error answer; the body is Confluent's {"error_code":…,"message":…} when it can be. */
    private static SchemaRegistryException error(String method, URI uri, int status, byte[] body) {
        int errorCode = status;
        String message = null;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                if (json.path("error_code").canConvertToInt()) {
                    errorCode = json.get("error_code").intValue();
                }
                message = json.path("message").isTextual() ? json.get("message").textValue() : null;
            }
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page, say): the body itself is the best message there is.
        }
        if (message == null) {
            message = body.length == 0 ? "(empty body)" : snippet(body);
        }
        return SchemaRegistryException.of(status, errorCode, message + " (HTTP " + status + ", error_code " + errorCode
                + ", " + method + " " + uri + ")");
    }

    private static RegisteredSchema registeredSchema(JsonNode json, String requestedSubject) {
        String subject = json.path("subject").isTextual() ? json.get("subject").textValue() : requestedSubject;
        return new RegisteredSchema(subject, requiredInt(json, "version"), requiredInt(json, "id"), avroSchema(json));
    }

    private static Schema avroSchema(JsonNode json) {
        JsonNode type = json.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new UnexpectedResponse("a " + type.asText() + " schema, where an Avro schema was expected");
        }
        JsonNode text = json.get("schema");
        if (text == null || !text.isTextual()) {
            throw new UnexpectedResponse("no string 'schema'");
        }
        try {
            return new Schema.Parser().parse(text.textValue());
        } catch (SchemaParseException e) {
            throw new UnexpectedResponse("a schema Avro cannot parse (" + e.getMessage() + ")");
        }
    }

    private static CompatibilityLevel compatibilityLevel(JsonNode json) {
        // GET answers {"compatibilityLevel":…}, PUT echoes the request {"compatibility":…}.
        JsonNode level = json.has("compatibilityLevel") ? json.get("compatibilityLevel") : json.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw new UnexpectedResponse("no 'compatibilityLevel'");
        }
        try {
            return CompatibilityLevel.parse(level.textValue());
        } catch (InvalidCompatibilityLevelException e) {
            throw new UnexpectedResponse("unknown compatibility level '" + level.textValue() + "'");
        }
    }

    private static int requiredInt(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new UnexpectedResponse("no integer '" + field + "'");
        }
        return value.intValue();
    }

    private static <T> List<T> list(JsonNode json, Predicate<JsonNode> valid,
            Function<JsonNode, T> element) {
        if (json == null || !json.isArray()) {
            throw new UnexpectedResponse("expected a JSON array");
        }
        List<T> values = new ArrayList<>(json.size());
        for (JsonNode item : json) {
            if (!valid.test(item)) {
                throw new UnexpectedResponse("unexpected array element " + item);
            }
            values.add(element.apply(item));
        }
        return List.copyOf(values);
    }

    private static JsonNode schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private static JsonNode compatibilityBody(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body;
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON request body", e);
        }
    }

    private static String permanentQuery(boolean permanent) {
        return permanent ? "?permanent=true" : "";
    }

    /** {@code /a/b/c} from raw segments, each percent-encoded: a subject may hold '/', '?', spaces... */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(encodeSegment(segment));
        }
        return path.toString();
    }

    static String encodeSegment(String segment) {
        StringBuilder encoded = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static URI resolve(URI base, String path) {
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + path);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_ERROR_BODY_SHOWN ? text : text.substring(0, MAX_ERROR_BODY_SHOWN) + "…";
    }

    /** "ConnectException: Connection refused": the exception's type and the first message in its chain. */
    static String describe(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null && message == null; t = t.getCause()) {
            message = t.getMessage();
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private record Failure(URI uri, String description, Throwable cause, SchemaRegistryException error) {
    }

    /** A 2xx answer whose body is not what the API documents. */
    private static final class UnexpectedResponse extends RuntimeException {
        UnexpectedResponse(String message) {
            super(message);
        }
    }

    /** Waits between retries; tests replace it to observe the backoff without waiting. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper THREAD = delay -> Thread.sleep(delay.toMillis());

        void sleep(Duration delay) throws InterruptedException;
    }
}

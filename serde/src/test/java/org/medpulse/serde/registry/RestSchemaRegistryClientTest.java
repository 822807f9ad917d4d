package org.medpulse.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.avro.SurveyResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The client against a stub HTTP server: exact requests, answers parsed, errors typed, retries bounded. */
class RestSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = SurveyResponse.getClassSchema();
    private static final String SUBJECT = "survey-responses-value";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** One server for the class: stopping a JDK HttpServer takes up to a second. */
    private static StubRegistry stub;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeAll
    static void startStub() throws IOException {
        stub = StubRegistry.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @BeforeEach
    void forgetThePreviousTest() {
        stub.reset();
    }

    private RestSchemaRegistryClient client(RestClientOptions options) {
        return new RestSchemaRegistryClient(options, sleeps::add);
    }

    private RestSchemaRegistryClient client() {
        return client(RestClientOptions.of(stub.url()).withRetry(RetryPolicy.none()));
    }

    private static String schemaResponse(String subject, int version, int id) {
        return JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", SCHEMA.toString()).toString();
    }

    private static void assertConfluentHeaders(StubRegistry.Recorded request) {
        assertThat(request.header("Content-Type")).isEqualTo(CONTENT_TYPE);
        assertThat(request.header("Accept")).isEqualTo(ACCEPT);
        assertThat(request.header("Authorization")).isNull();
    }

    private static void assertSchemaBody(StubRegistry.Recorded request) throws IOException {
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.size()).as("only the schema is sent").isEqualTo(1);
        assertThat(body.get("schema").textValue()).isEqualTo(SCHEMA.toString());
        assertThat(request.body()).startsWith("{\"schema\":\"{\\\"type\\\":\\\"record\\\"");
    }

    @Nested
    class Endpoints {

        @Test
        void registerPostsTheEscapedSchemaToTheSubjectsVersions() throws IOException {
            stub.reply(200, "{\"id\":42}");

            assertThat(client().register(SUBJECT, SCHEMA)).isEqualTo(42);

            StubRegistry.Recorded request = stub.onlyRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/subjects/survey-responses-value/versions");
            assertThat(request.query()).isNull();
            assertConfluentHeaders(request);
            assertSchemaBody(request);
        }

        @Test
        void lookupPostsTheSchemaToTheSubject() throws IOException {
            stub.reply(200, schemaResponse(SUBJECT, 3, 42)).reply(200, schemaResponse(SUBJECT, 3, 42));
            RestSchemaRegistryClient client = client();

            assertThat(client.lookup(SUBJECT, SCHEMA)).isEqualTo(new RegisteredSchema(SUBJECT, 3, 42, SCHEMA));
            assertThat(client.getId(SUBJECT, SCHEMA)).isEqualTo(42);

            for (StubRegistry.Recorded request : stub.requests()) {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/subjects/survey-responses-value");
                assertConfluentHeaders(request);
                assertSchemaBody(request);
            }
        }

        @Test
        void getSchemaByIdGetsTheSchemasIds() {
            stub.reply(200, JSON.createObjectNode().put("schema", SCHEMA.toString()).toString());

            assertThat(client().getSchemaById(42)).isEqualTo(SCHEMA);

            StubRegistry.Recorded request = stub.onlyRequest();
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/schemas/ids/42");
            assertThat(request.body()).isEmpty();
            assertConfluentHeaders(request);
        }

        @Test
        void aSchemaThatIsNotAvroIsRefused() {
            stub.reply(200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");

            assertThatThrownBy(() -> client().getSchemaById(7))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("a PROTOBUF schema, where an Avro schema was expected")
                    .extracting(e -> ((SchemaRegistryException) e).errorCode())
                    .isEqualTo(SchemaRegistryException.UNPARSEABLE_RESPONSE);
        }

        @Test
        void latestAndNumberedVersionsAreFetchedFromTheSubjectsVersions() {
            stub.reply(200, schemaResponse(SUBJECT, 4, 9)).reply(200, schemaResponse(SUBJECT, 2, 5));
            RestSchemaRegistryClient client = client();

            assertThat(client.getLatestSchema(SUBJECT)).isEqualTo(new RegisteredSchema(SUBJECT, 4, 9, SCHEMA));
            assertThat(client.getVersion(SUBJECT, 2)).isEqualTo(new RegisteredSchema(SUBJECT, 2, 5, SCHEMA));

            assertThat(stub.requests()).extracting(StubRegistry.Recorded::method, StubRegistry.Recorded::path)
                    .containsExactly(
                            tuple("GET", "/subjects/survey-responses-value/versions/latest"),
                            tuple("GET", "/subjects/survey-responses-value/versions/2"));
        }

        @Test
        void subjectsAndVersionsAreListed() {
            stub.reply(200, "[\"survey-responses-value\",\"tool-catalogue-value\"]").reply(200, "[1,2,4]");
            RestSchemaRegistryClient client = client();

            assertThat(client.getSubjects()).containsExactly("survey-responses-value", "tool-catalogue-value");
            assertThat(client.getVersions(SUBJECT)).containsExactly(1, 2, 4);

            assertThat(stub.requests()).extracting(StubRegistry.Recorded::path)
                    .containsExactly("/subjects", "/subjects/survey-responses-value/versions");
        }

        @Test
        void compatibilityIsTestedVerbosely() throws IOException {
            stub.reply(200, "{\"is_compatible\":true}")
                    .reply(200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: x\"]}");
            RestSchemaRegistryClient client = client();

            assertThat(client.testCompatibility(SUBJECT, SCHEMA)).isEqualTo(CompatibilityCheck.ok());
            assertThat(client.testCompatibility(SUBJECT, 3, SCHEMA))
                    .isEqualTo(CompatibilityCheck.failed(List.of("READER_FIELD_MISSING_DEFAULT_VALUE: x")));

            List<StubRegistry.Recorded> requests = stub.requests();
            assertThat(requests).extracting(StubRegistry.Recorded::path).containsExactly(
                    "/compatibility/subjects/survey-responses-value/versions/latest",
                    "/compatibility/subjects/survey-responses-value/versions/3");
            for (StubRegistry.Recorded request : requests) {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.query()).isEqualTo("verbose=true");
                assertConfluentHeaders(request);
                assertSchemaBody(request);
            }
        }

        @Test
        void theGlobalCompatibilityIsReadAndSet() throws IOException {
            stub.reply(200, "{\"compatibilityLevel\":\"BACKWARD\"}")
                    .reply(200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
            RestSchemaRegistryClient client = client();

            assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(client.setGlobalCompatibility(CompatibilityLevel.FULL_TRANSITIVE))
                    .isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);

            List<StubRegistry.Recorded> requests = stub.requests();
            assertThat(requests.get(0).method()).isEqualTo("GET");
            assertThat(requests.get(0).path()).isEqualTo("/config");
            assertThat(requests.get(1).method()).isEqualTo("PUT");
            assertThat(requests.get(1).path()).isEqualTo("/config");
            assertThat(JSON.readTree(requests.get(1).body()))
                    .isEqualTo(JSON.createObjectNode().put("compatibility", "FULL_TRANSITIVE"));
            assertConfluentHeaders(requests.get(1));
        }

        @Test
        void aSubjectsCompatibilityIsReadSetAndDeleted() throws IOException {
            stub.reply(200, "{\"compatibilityLevel\":\"FORWARD\"}")
                    .reply(404, "{\"error_code\":40408,\"message\":\"Subject 'survey-responses-value' does not have "
                            + "subject-level compatibility configured\"}")
                    .reply(200, "{\"compatibility\":\"NONE\"}")
                    .reply(200, "{\"compatibilityLevel\":\"NONE\"}");
            RestSchemaRegistryClient client = client();

            assertThat(client.getSubjectCompatibility(SUBJECT)).contains(CompatibilityLevel.FORWARD);
            assertThat(client.getSubjectCompatibility(SUBJECT)).isEmpty();
            assertThat(client.setSubjectCompatibility(SUBJECT, CompatibilityLevel.NONE))
                    .isEqualTo(CompatibilityLevel.NONE);
            client.deleteSubjectCompatibility(SUBJECT);

            assertThat(stub.requests()).extracting(StubRegistry.Recorded::method, StubRegistry.Recorded::path)
                    .containsExactly(
                            tuple("GET", "/config/survey-responses-value"),
                            tuple("GET", "/config/survey-responses-value"),
                            tuple("PUT", "/config/survey-responses-value"),
                            tuple("DELETE", "/config/survey-responses-value"));
            assertThat(JSON.readTree(stub.requests().get(2).body()))
                    .isEqualTo(JSON.createObjectNode().put("compatibility", "NONE"));
        }

        @Test
        void subjectsAndVersionsAreDeletedSoftlyOrPermanently() {
            stub.reply(200, "[1,2,3]").reply(200, "[1,2,3]").reply(200, "2").reply(200, "2");
            RestSchemaRegistryClient client = client();

            assertThat(client.deleteSubject(SUBJECT, false)).containsExactly(1, 2, 3);
            assertThat(client.deleteSubject(SUBJECT, true)).containsExactly(1, 2, 3);
            assertThat(client.deleteVersion(SUBJECT, 2, false)).isEqualTo(2);
            assertThat(client.deleteVersion(SUBJECT, 2, true)).isEqualTo(2);

            assertThat(stub.requests())
                    .extracting(StubRegistry.Recorded::method, StubRegistry.Recorded::path,
                            StubRegistry.Recorded::query)
                    .containsExactly(
                            tuple("DELETE", "/subjects/survey-responses-value", null),
                            tuple("DELETE", "/subjects/survey-responses-value",
                                    "permanent=true"),
                            tuple("DELETE", "/subjects/survey-responses-value/versions/2",
                                    null),
                            tuple("DELETE", "/subjects/survey-responses-value/versions/2",
                                    "permanent=true"));
        }

        @Test
        void subjectsArePercentEncodedAsOnePathSegment() {
            stub.reply(200, "{\"id\":1}");

            client().register("team a/survey?v=1#x \u00e9+", SCHEMA);

            assertThat(stub.onlyRequest().path())
                    .isEqualTo("/subjects/team%20a%2Fsurvey%3Fv%3D1%23x%20%C3%A9%2B/versions");
        }

        @Test
        void aBaseUrlWithAPathPrefixKeepsIt() {
            stub.reply(200, "[]");
            RestSchemaRegistryClient client = client(RestClientOptions.of(stub.url() + "/registry/")
                    .withRetry(RetryPolicy.none()));

            assertThat(client.getSubjects()).isEmpty();

            assertThat(stub.onlyRequest().path()).isEqualTo("/registry/subjects");
        }

        @Test
        void anAnswerThatIsNotTheDocumentedJsonIsAClearError() {
            stub.reply(200, "{\"identifier\":42}");

            assertThatThrownBy(() -> client().register(SUBJECT, SCHEMA))
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("Unexpected answer from the schema registry to POST " + stub.url()
                            + "/subjects/survey-responses-value/versions: no integer 'id' in {\"identifier\":42}");
        }
    }

    @Nested
    class Errors {

        static Stream<Arguments> errors() {
            return Stream.of(
                    Arguments.of(404, 40401, SubjectNotFoundException.class),
                    Arguments.of(404, 40402, VersionNotFoundException.class),
                    Arguments.of(404, 40403, SchemaNotFoundException.class),
                    Arguments.of(409, 409, IncompatibleSchemaException.class),
                    Arguments.of(409, 40901, IncompatibleSchemaException.class),
                    Arguments.of(422, 42201, InvalidSchemaException.class),
                    Arguments.of(422, 42202, InvalidVersionException.class),
                    Arguments.of(422, 42203, InvalidCompatibilityLevelException.class),
                    Arguments.of(401, 401, UnauthorizedException.class),
                    Arguments.of(403, 40301, UnauthorizedException.class),
                    Arguments.of(404, 40404, SchemaRegistryException.class),
                    Arguments.of(404, 40405, SchemaRegistryException.class));
        }

        @ParameterizedTest(name = "HTTP {0} error_code {1} -> {2}")
        @MethodSource("errors")
        void errorCodesBecomeTypedExceptionsWithoutRetry(int status, int errorCode,
                Class<? extends SchemaRegistryException> type) {
            stub.replyAlways(status, "{\"error_code\":" + errorCode + ",\"message\":\"what the registry said\"}");
            RestSchemaRegistryClient client = client(RestClientOptions.of(stub.url())
                    .withRetry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1))));

            assertThatThrownBy(() -> client.getLatestSchema(SUBJECT))
                    .isExactlyInstanceOf(type)
                    .hasMessageContaining("what the registry said")
                    .hasMessageContaining("HTTP " + status + ", error_code " + errorCode)
                    .hasMessageContaining("GET " + stub.url() + "/subjects/survey-responses-value/versions/latest")
                    .satisfies(e -> {
                        SchemaRegistryException failure = (SchemaRegistryException) e;
                        assertThat(failure.httpStatus()).isEqualTo(status);
                        assertThat(failure.errorCode()).isEqualTo(errorCode);
                    });
            assertThat(stub.requests()).as("4xx answers are not retried").hasSize(1);
            assertThat(sleeps).isEmpty();
        }

        @Test
        void anErrorBodyThatIsNotJsonIsShownAsIs() {
            stub.reply(404, "<html><body>Not Found</body></html>");

            assertThatThrownBy(() -> client().getSubjects())
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("<html><body>Not Found</body></html> (HTTP 404, error_code 404, GET ");
        }
    }

    @Nested
    class Retries {

        private final RetryPolicy threeRetries = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250));

        @Test
        void fiveHundredsAreRetriedWithExponentialBackoffUntilOneSucceeds() {
            stub.reply(503, "{\"error_code\":50003,\"message\":\"forwarding failed\"}")
                    .reply(502, "Bad Gateway")
                    .reply(200, "{\"id\":7}");

            assertThat(client(RestClientOptions.of(stub.url()).withRetry(threeRetries)).register(SUBJECT, SCHEMA))
                    .isEqualTo(7);

            assertThat(stub.requests()).hasSize(3);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        }

        @Test
        void fiveHundredsStopAfterTheLastRetryWithTheRegistrysError() {
            stub.replyAlways(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");

            assertThatThrownBy(() -> client(RestClientOptions.of(stub.url()).withRetry(threeRetries))
                    .getSchemaById(3))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("Schema registry unavailable: GET /schemas/ids/3 failed after 4 attempts "
                            + "against " + stub.url() + " (max.retries=3)")
                    .hasMessageContaining("last failure at " + stub.url() + "/schemas/ids/3: HTTP 500")
                    .hasMessageContaining("Error in the backend data store")
                    .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(50001);
            assertThat(stub.requests()).hasSize(4);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        }

        @Test
        void aRefusedConnectionIsRetriedABoundedNumberOfTimes() throws IOException {
            String dead = "http://127.0.0.1:" + closedPort();

            assertThatThrownBy(() -> client(RestClientOptions.of(dead).withRetry(threeRetries)).getSubjects())
                    .isInstanceOfSatisfying(SchemaRegistryUnreachableException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(4);
                        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE);
                        assertThat(e.getMessage())
                                .contains("Schema registry unreachable: GET /subjects failed after 4 attempts against "
                                        + dead + " (max.retries=3)")
                                .contains("last failure at " + dead + "/subjects: ConnectException");
                    });
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        }

        @Test
        void aRegistryThatDoesNotAnswerInTimeCountsAsAFailedAttempt() throws InterruptedException {
            CountDownLatch release = new CountDownLatch(1);
            stub.replyAfter(release, 200, "[]").replyAfter(release, 200, "[]");
            RestSchemaRegistryClient client = client(RestClientOptions.of(stub.url())
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300))
                    .withRetry(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1))));
            try {
                assertThatThrownBy(client::getSubjects)
                        .isInstanceOf(SchemaRegistryUnreachableException.class)
                        .hasMessageContaining("failed after 2 attempts")
                        .hasMessageContaining("HttpTimeoutException");
            } finally {
                release.countDown();
            }
            assertThat(stub.requests()).hasSize(2);
        }

        @Test
        void aDeadUrlFailsOverToTheNextOneAtOnce() throws IOException {
            String dead = "http://127.0.0.1:" + closedPort();
            stub.replyAlways(200, "[\"s\"]");
            RestSchemaRegistryClient client = client(RestClientOptions.of(dead + "," + stub.url())
                    .withRetry(threeRetries));

            assertThat(client.getSubjects()).containsExactly("s");
            assertThat(client.getSubjects()).containsExactly("s");

            assertThat(stub.requests()).hasSize(2);
            assertThat(sleeps).as("failing over is not a retry").isEmpty();
        }

        @Test
        void afterAFailoverRequestsStartAtTheUrlThatAnswered() throws IOException {
            try (StubRegistry failing = StubRegistry.start()) {
                failing.replyAlways(503, "{\"error_code\":50003,\"message\":\"leader unknown\"}");
                stub.replyAlways(200, "[1]");
                RestSchemaRegistryClient client = client(RestClientOptions.of(failing.url() + "," + stub.url())
                        .withRetry(threeRetries));

                for (int i = 0; i < 3; i++) {
                    assertThat(client.getVersions(SUBJECT)).containsExactly(1);
                }

                assertThat(failing.requests()).hasSize(1);
                assertThat(stub.requests()).hasSize(3);
                assertThat(sleeps).isEmpty();
            }
        }

        @Test
        void everyUrlIsTriedInEveryRound() throws IOException {
            String dead = "http://127.0.0.1:" + closedPort();
            stub.replyAlways(503, "{\"error_code\":50003,\"message\":\"leader unknown\"}");
            RestSchemaRegistryClient client = client(RestClientOptions.of(dead + "," + stub.url())
                    .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))));

            assertThatThrownBy(() -> client.getSubjects())
                    .hasMessageContaining("failed after 6 attempts against [" + dead + ", " + stub.url() + "]");
            assertThat(stub.requests()).hasSize(3);
            assertThat(sleeps).hasSize(2);
        }
    }

    @Nested
    class Authentication {

        @Test
        void basicCredentialsAreSentOnEveryRequest() {
            stub.replyAlways(200, "[]");
            RestSchemaRegistryClient client = client(RestClientOptions.of(stub.url())
                    .withCredentials(RegistryCredentials.basic("alice:pa:ss")));

            client.getSubjects();
            client.getSubjects();

            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString("alice:pa:ss".getBytes(StandardCharsets.UTF_8));
            assertThat(stub.requests()).extracting(r -> r.header("Authorization")).containsOnly(expected);
        }

        @Test
        void aBearerTokenIsSentAsBearer() {
            stub.reply(200, "[]");

            client(RestClientOptions.of(stub.url()).withCredentials(RegistryCredentials.bearer("tok-123")))
                    .getSubjects();

            assertThat(stub.onlyRequest().header("Authorization")).isEqualTo("Bearer tok-123");
        }

        @Test
        void credentialsInTheUrlAreSentAsBasicAndNotInTheUrl() {
            stub.reply(200, "[]");
            URI base = stub.uri();

            RestSchemaRegistryClient client = client(RestClientOptions.of("http://bob:s%40cret@127.0.0.1:"
                    + base.getPort()));
            client.getSubjects();

            assertThat(client.options().urls()).containsExactly(base);
            assertThat(stub.onlyRequest().header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("bob:s@cret".getBytes(StandardCharsets.UTF_8)));
            assertThat(client.options().toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

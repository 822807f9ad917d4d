package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.QuestionTypes;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.streams.query.peer.HttpPeerClient;
import org.medpulse.streams.query.peer.PeerEndpoint;
import org.medpulse.streams.query.peer.PeerSeal;
import org.medpulse.streams.query.routing.PartitionPlacement;
import org.medpulse.streams.query.routing.RoutedPartialAnswers;

import io.javalin.Javalin;

/**
 * Two instances, each holding half the partitions, asking each other over real HTTP with the API
 * token: both give exactly the answers a single instance holding everything gives, and a partition
 * moving between them yields 503s, never a 500 or a partial answer.
 */
class RoutedInstancesTest {

    static final String TOKEN = "peer-token";
    static final byte[] PEER_SECRET = "routed-instances-peer-secret".getBytes(StandardCharsets.UTF_8);
    /** The API's routes, and a question only this test knows, added through the same extension point. */
    static final List<ApiRoute> ROUTES = Stream.concat(ApiRoute.ALL.stream(), Stream.of(RespondentsByPartnerQuestion.ROUTE)).toList();
    static final int PARTITIONS = 4;
    static final List<Answer> PANEL = SurveyFixtures.panel();
    static final List<String> REQUESTS = List.of(
            "/api/v1/waves",
            "/api/v1/waves/2025-06/usage",
            "/api/v1/waves/2025-06/usage?partner=medica",
            "/api/v1/waves/2025-06/usage?practiceType=GP&setting=hospital",
            "/api/v1/waves/2026-06/usage",
            "/api/v1/waves/2025-06/barriers",
            "/api/v1/waves/2024-06/barriers?partner=acme",
            "/api/v1/waves/2025-06/tools",
            "/api/v1/waves/2025-06/tools?top=2&partner=acme",
            "/api/v1/usage/rolling",
            "/api/v1/usage/rolling?days=1&until=2025-06-02",
            "/api/v1/usage/rolling?days=366&until=2025-12-31&practiceType=specialist",
            "/api/v1/tools/chatgpt/trend",
            "/api/v1/tools/Chat%20GPT/trend?partner=medica",
            "/api/v1/tools/outil-interne/trend",
            "/api/v1/tools/nothing-like-it/trend",
            "/api/v1/waves/1999-01/usage",
            "/api/v1/waves/2025-06/tools?top=0");

    final HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<Map<Integer, HostInfo>> active = new AtomicReference<>();
    final Map<Integer, List<HostInfo>> standbys = new HashMap<>();
    final ServiceMetrics metrics = ServiceMetrics.create();
    Instance a;
    Instance b;
    ApiTestServer single;

    /** One instance: its partitions, its API, its server. */
    final class Instance implements AutoCloseable {
        final InMemoryPartitions stores;
        final AtomicReference<HostInfo> self = new AtomicReference<>();
        final SurveyApi api;
        final Javalin app;

        Instance(InMemoryPartitions stores) {
            this.stores = stores;
            SurveyApiConfig config = new SurveyApiConfig(ApiTestServer.config(SurveyApiConfig.API_TOKEN, TOKEN));
            PeerSeal seal = PeerSeal.withSecret(PEER_SECRET);
            RoutedPartialAnswers partials = new RoutedPartialAnswers(
                    () -> Optional.of(new PartitionPlacement(self.get(), PARTITIONS, active.get(), standbys)),
                    stores, new HttpPeerClient(config.peerTimeout(), seal));
            QueryService queries = new QueryService(partials, config.disclosures(), ToolCatalogue::builtIn);
            api = SurveyApi.create(config, queries, ROUTES, metrics, SurveyApiTest.JUNE_5_2025);
            PeerEndpoint peers = new PeerEndpoint(stores, QuestionTypes.of(ROUTES.stream()
                    .flatMap(route -> route.question().stream()).<QuestionType<?>>map(ApiRoute.QuestionRoute::type).toList()),
                    seal);
            app = Javalin.create(c -> {
                c.showJavalinBanner = false;
                c.router.mount(api::register);
                c.router.mount(peers::register);
            }).start("127.0.0.1", 0);
            self.set(new HostInfo("127.0.0.1", app.port()));
        }

        ApiTestServer.Response get(String pathAndQuery) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new ApiTestServer.Response(response.statusCode(), response.headers(), response.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        HostInfo host() {
            return self.get();
        }

        @Override
        public void close() {
            app.stop();
            api.close();
        }
    }

    @BeforeEach
    void start() {
        a = new Instance(InMemoryPartitions.of(PANEL, PARTITIONS, Set.of(0, 1), Set.of(2, 3)));
        b = new Instance(InMemoryPartitions.of(PANEL, PARTITIONS, Set.of(2, 3), Set.of(0, 1)));
        active.set(Map.of(0, a.host(), 1, a.host(), 2, b.host(), 3, b.host()));
        standbys.putAll(Map.of(0, List.of(b.host()), 1, List.of(b.host()), 2, List.of(a.host()), 3, List.of(a.host())));
        single = ApiTestServer.start(ApiTestServer.stores().replaceAll(PANEL), Map.of(), SurveyApiTest.JUNE_5_2025);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        single.close();
        metrics.close();
    }

    @Test
    void eitherInstanceAnswersExactlyLikeOneInstanceHoldingEverything() {
        for (String request : REQUESTS) {
            ApiTestServer.Response expected = single.get(request);
            assertSameAnswer(a.get(request), expected, "A: " + request);
            assertSameAnswer(b.get(request), expected, "B: " + request);
        }
        assertThat(a.stores.reads()).isPositive();
        assertThat(b.stores.reads()).isPositive();
    }

    private static void assertSameAnswer(ApiTestServer.Response actual, ApiTestServer.Response expected, String what) {
        assertThat(actual.status()).as("%s -> %s", what, actual).isEqualTo(expected.status());
        assertThat(actual.body()).as(what).isEqualTo(expected.body());
    }

    @Test
    void thePeerEndpointGivesNoDataToAnyoneButAnInstance() throws Exception {
        String path = "/internal/v1/partitions/waves";
        byte[] question = "{\"parameters\":{},\"partitions\":[2],\"allowStale\":false}".getBytes(StandardCharsets.UTF_8);
        PeerSeal.Sealed wrongSecret = PeerSeal.withSecret("not-this-applications-secret".getBytes(StandardCharsets.UTF_8))
                .sealRequest(path, question);
        PeerSeal.Sealed right = PeerSeal.withSecret(PEER_SECRET).sealRequest(path, question);

        HttpResponse<String> plain = http.send(peerRequest(path, question, null, null), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withApiToken = http.send(peerRequest(path, question, "Bearer " + TOKEN, null),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> sealedWrong = http.send(peerRequest(path, wrongSecret.body(), null, wrongSecret.time()),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> sealedRight = http.send(peerRequest(path, right.body(), null, right.time()),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> refused : List.of(plain, withApiToken, sealedWrong)) {
            assertThat(refused.statusCode()).as("%s", refused.body()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("value").doesNotContain("respondents");
        }
        assertThat(sealedRight.statusCode()).isEqualTo(200);
        assertThat(sealedRight.body()).as("sealed for the asker alone").doesNotContain("respondents");
    }

    @Test
    void aSealedRequestReplayedAfterItsWindowIsRefused() throws Exception {
        String path = "/internal/v1/partitions/waves";
        byte[] question = "{\"parameters\":{},\"partitions\":[2],\"allowStale\":false}".getBytes(StandardCharsets.UTF_8);
        Clock longAgo = Clock.fixed(Instant.now().minus(PeerSeal.WINDOW).minusSeconds(5), ZoneOffset.UTC);
        PeerSeal.Sealed old = PeerSeal.withSecret(PEER_SECRET, longAgo).sealRequest(path, question);

        assertThat(http.send(peerRequest(path, old.body(), null, old.time()), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    private HttpRequest peerRequest(String path, byte[] body, String authorization, Long time) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.app.port() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (time != null) {
            request.header(PeerSeal.TIME_HEADER, Long.toString(time));
        }
        return request.build();
    }

    @Test
    void whilePartitionsMoveAnswersAre503ThenCompleteAgain() {
        // B hands partition 2 over to A; metadata has not caught up yet.
        b.stores.moveActive(2, a.stores);
        for (String request : REQUESTS.subList(0, 8)) {
            ApiTestServer.Response during = a.get(request);
            assertThat(during.status()).as("%s during the move: %s", request, during).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            assertThat(b.get(request).status()).isEqualTo(503);
        }

        active.set(Map.of(0, a.host(), 1, a.host(), 2, a.host(), 3, b.host()));

        for (String request : REQUESTS) {
            ApiTestServer.Response expected = single.get(request);
            assertSameAnswer(a.get(request), expected, "A: " + request);
            assertSameAnswer(b.get(request), expected, "B: " + request);
        }
    }

    @Test
    void aStoppedPeerMakesAnswers503AndAStaleReadCanUseTheStandbys() {
        b.app.stop();

        ApiTestServer.Response down = a.get("/api/v1/waves/2025-06/usage");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("error").asText()).contains("PEER_UNAVAILABLE");

        // Until the rebalance gives the survivor everything, its standby copies serve stale reads.
        ApiTestServer.Response stale = a.get("/api/v1/waves/2025-06/usage?allowStale=true");
        assertThat(stale.status()).as("%s", stale).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(single.get("/api/v1/waves/2025-06/usage").body());
    }

    @Test
    void aQuestionDeclaredOnlyHereIsAnsweredAcrossBothInstances() {
        String request = "/api/v1/waves/2025-06/respondents-by-partner";
        ApiTestServer.Response fromA = a.get(request);
        ApiTestServer.Response fromB = b.get(request);

        assertThat(fromA.status()).as("%s", fromA).isEqualTo(200);
        assertThat(fromB.body()).isEqualTo(fromA.body());
        // Every respondent of the wave is counted once, whichever instance holds them.
        long expected = PANEL.stream().filter(answer -> answer.wave().equals("2025-06")).count();
        long counted = 0;
        for (var partner = fromA.json().get("partners").fields(); partner.hasNext(); ) {
            counted += partner.next().getValue().asLong();
        }
        assertThat(counted).isEqualTo(expected);
        assertThat(fromA.json().get("partners").get("Médica").asLong())
                .isEqualTo(PANEL.stream().filter(x -> x.wave().equals("2025-06") && x.partnerId().equals("Médica")).count());
    }
}

package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.medpulse.streams.query.Audience;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.LocalQueries;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.question.WaveTotalsQuestion;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Small-cell protection as a property: for random panels, random filters and every minimum cell
 * size k, no response body of any endpoint (nor any stream event) contains a count computed over
 * fewer than k respondents, and every result below k says it is suppressed.
 */
class SmallCellSuppressionProperties {

    private static final Set<String> COUNT_SECTIONS = Set.of("frequencies", "users", "regularUsers", "useCases",
            "expectedFutureUseCases", "barriers", "tools");
    private static final List<String> WAVES = List.of("w1", "w2", "w3");
    private static final List<String> PARTNERS = List.of("acme", "Médica", "cabinet-03");
    private static final List<String> TOOLS = List.of("chatgpt", "nabla", "outil-interne");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Map<Integer, ApiTestServer> SERVERS = new ConcurrentHashMap<>();

    record Question(String partner, PracticeType practiceType, PracticeSetting setting) {
        String query() {
            List<String> parts = new ArrayList<>();
            if (partner != null) {
                parts.add("partner=" + URLEncoder.encode(partner, StandardCharsets.UTF_8));
            }
            if (practiceType != null) {
                parts.add("practiceType=" + practiceType.name().toLowerCase());
            }
            if (setting != null) {
                parts.add("setting=" + setting.name());
            }
            return String.join("&", parts);
        }

        SurveyFilter filter() {
            return SurveyFilter.of(partner, practiceType, setting);
        }
    }

    @AfterContainer
    static void stopServers() {
        SERVERS.values().forEach(ApiTestServer::close);
        SERVERS.clear();
    }

    private static ApiTestServer server(int k) {
        return SERVERS.computeIfAbsent(k, size -> ApiTestServer.start(ApiTestServer.stores(),
                ApiTestServer.config(SurveyApiConfig.MIN_CELL_SIZE, size), SurveyApiTest.JUNE_5_2025));
    }

    @Property(tries = 100)
    void noBodyRevealsCountsOfFewerThanKRespondents(
            @ForAll("panels") List<Answer> panel,
            @ForAll("questions") Question question,
            @ForAll("minCellSizes") int k,
            @ForAll("dayRanges") int[] days) {
        ApiTestServer server = server(k);
        synchronized (server) {
            server.stores.replaceAll(panel);
            String filter = question.query();
            String sep = filter.isEmpty() ? "" : "&";
            List<String> requests = new ArrayList<>();
            requests.add("/api/v1/waves");
            for (String wave : WAVES) {
                requests.add("/api/v1/waves/" + wave + "/usage?" + filter);
                requests.add("/api/v1/waves/" + wave + "/barriers?" + filter);
                requests.add("/api/v1/waves/" + wave + "/tools?" + filter);
                requests.add("/api/v1/waves/" + wave + "/tools?top=1" + sep + filter);
            }
            LocalDate until = LocalDate.of(2025, 1, 1).plusDays(days[1]);
            requests.add("/api/v1/usage/rolling?days=" + days[0] + "&until=" + until + sep + filter);
            for (String tool : TOOLS) {
                requests.add("/api/v1/tools/" + tool + "/trend?" + filter);
            }

            for (String request : requests) {
                ApiTestServer.Response response = server.get(request);
                assertThat(response.status()).as("%s -> %s", request, response).isIn(200, 404);
                if (response.status() == 200) {
                    checkDisclosure(response.json(), Long.MAX_VALUE, k, request);
                }
            }
            checkReportedRespondents(server, panel, question);

            QueryService service = LocalQueries.over(server.stores, SmallCellPolicy.minCellSize(k), ToolCatalogue::builtIn);
            service.answer(new WaveTotalsQuestion(), ReadOptions.activeOnly(), Audience.ANALYST).value()
                    .forEach(event -> checkDisclosure(ApiTestServer.JSON.valueToTree(event), Long.MAX_VALUE, k, "stream event"));
        }
    }

    /** Guards against a vacuous pass: the respondents the API reports are the real ones. */
    private static void checkReportedRespondents(ApiTestServer server, List<Answer> panel, Question question) {
        for (String wave : WAVES) {
            long expected = panel.stream().filter(a -> a.wave().equals(wave) && question.filter().matches(a.cell())).count();
            boolean waveExists = panel.stream().anyMatch(a -> a.wave().equals(wave));
            ApiTestServer.Response response = server.get("/api/v1/waves/" + wave + "/usage?" + question.query());
            if (!waveExists) {
                assertThat(response.status()).isEqualTo(404);
                continue;
            }
            long reported = response.json().get("respondents").asLong();
            assertThat(reported).isEqualTo(expected);
            Statistics.label("usage results").collect(response.json().get("suppressed").asBoolean() ? "suppressed" : "shown");
        }
    }

    /**
     * Walks a body: {@code respondents} of the nearest enclosing result is the population of every
     * count below it. Counts may only appear under a population of at least k.
     */
    private static void checkDisclosure(JsonNode node, long population, int k, String request) {
        if (node.isArray()) {
            node.forEach(child -> checkDisclosure(child, population, k, request));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        long here = population;
        if (node.has("respondents")) {
            here = node.get("respondents").asLong();
            if (node.has("suppressed")) {
                assertThat(node.get("suppressed").asBoolean()).as("%s: suppressed iff respondents < %d in %s", request, k, node)
                        .isEqualTo(here < k);
            }
            if (here < k) {
                Set<String> fields = new TreeSet<>();
                node.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).as("%s: count sections under %d respondents", request, here).doesNotContainAnyElementsOf(COUNT_SECTIONS);
            }
        }
        if (node.has("count")) {
            assertThat(here).as("%s: a count under a population of %d < k=%d", request, here, k).isGreaterThanOrEqualTo(k);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            checkDisclosure(it.next().getValue(), here, k, request);
        }
    }

    @Provide
    Arbitrary<Integer> minCellSizes() {
        return Arbitraries.of(1, 2, 5, 10);
    }

    @Provide
    Arbitrary<int[]> dayRanges() {
        return Combinators.combine(Arbitraries.integers().between(1, 366), Arbitraries.integers().between(0, 20))
                .as((days, untilOffset) -> new int[]{days, untilOffset});
    }

    @Provide
    Arbitrary<Question> questions() {
        Arbitrary<String> partner = Arbitraries.of("acme", "ACME", "medica", "Médica", "cabinet-03", "nobody").injectNull(0.4);
        Arbitrary<PracticeType> type = Arbitraries.of(PracticeType.class).injectNull(0.5);
        Arbitrary<PracticeSetting> setting = Arbitraries.of(PracticeSetting.class).injectNull(0.5);
        return Combinators.combine(partner, type, setting).as(Question::new);
    }

    @Provide
    Arbitrary<List<Answer>> panels() {
        return answers().list().ofMaxSize(60);
    }

    private Arbitrary<Answer> answers() {
        Arbitrary<String> wave = Arbitraries.of(WAVES);
        Arbitrary<String> partner = Arbitraries.of(PARTNERS);
        Arbitrary<PracticeType> type = Arbitraries.of(PracticeType.class);
        Arbitrary<PracticeSetting> setting = Arbitraries.of(PracticeSetting.class);
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 20L * 24 * 3600).map(START::plusSeconds);
        Arbitrary<UsageFrequency> frequency = Arbitraries.of(UsageFrequency.class);
        Arbitrary<Set<UseCase>> useCases = Arbitraries.of(UseCase.class).set().ofMaxSize(3);
        Arbitrary<Set<Barrier>> barriers = Arbitraries.of(Barrier.class).set().ofMaxSize(3);
        Arbitrary<Map<String, UsageFrequency>> tools = Arbitraries.maps(Arbitraries.of(TOOLS),
                Arbitraries.of(UsageFrequency.class).injectNull(0.2)).ofMaxSize(2);
        Arbitrary<Tuple.Tuple5<String, String, PracticeType, PracticeSetting, Instant>> who =
                Combinators.combine(wave, partner, type, setting, at).as(Tuple::of);
        return Combinators.combine(who, frequency, useCases, useCases, barriers, tools)
                .as((w, usage, uses, expected, named, listed) -> {
                    Answer.Builder builder = Answer.in(w.get1()).partner(w.get2()).practiceType(w.get3()).setting(w.get4())
                            .at(w.get5()).frequency(usage).useCases(uses).expected(expected).barriers(named);
                    listed.forEach(builder::tool);
                    return builder.build();
                });
    }
}

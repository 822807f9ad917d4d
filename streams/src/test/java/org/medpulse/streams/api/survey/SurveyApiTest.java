package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.streams.api.survey.JsonAssertions.assertCount;
import static org.medpulse.streams.api.survey.JsonAssertions.assertStatistic;
import static org.medpulse.streams.api.survey.JsonAssertions.fieldNames;
import static org.medpulse.streams.api.survey.JsonAssertions.texts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.query.SurveyFixtures;

import com.fasterxml.jackson.databind.JsonNode;

/** Every endpoint, filter and sort order over HTTP, against the hand-checkable panel of {@link SurveyFixtures}. */
class SurveyApiTest {

    static final Clock JUNE_5_2025 = Clock.fixed(Instant.parse("2025-06-05T12:00:00Z"), ZoneOffset.UTC);
    static ApiTestServer server;

    @BeforeAll
    static void start() {
        server = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()), Map.of(), JUNE_5_2025);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode ok(String pathAndQuery) {
        ApiTestServer.Response response = server.get(pathAndQuery);
        assertThat(response.status()).as("%s -> %s", pathAndQuery, response).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    @Nested
    class Waves {

        @Test
        void listsEveryWaveSortedWithRespondentsAndSubmissionBounds() {
            JsonNode body = ok("/api/v1/waves");

            assertThat(fieldNames(body)).containsExactly("waves", "disclosure");
            assertThat(body.get("disclosure").toString()).isEqualTo("{\"method\":\"suppress\",\"k\":5}");
            assertThat(texts(body.get("waves"), "wave")).containsExactly("2024-06", "2025-06", "2026-06");
            JsonNode june2025 = body.get("waves").get(1);
            assertThat(fieldNames(june2025)).containsExactly("wave", "respondents", "firstSubmittedAt", "lastSubmittedAt");
            assertThat(june2025.get("respondents").asLong()).isEqualTo(50);
            assertThat(june2025.get("firstSubmittedAt").asText()).isEqualTo("2025-06-02T08:10:00Z");
            assertThat(june2025.get("lastSubmittedAt").asText()).isEqualTo("2025-06-04T09:10:00Z");
            // A wave's size is not an answer: shown even below the minimum cell size.
            assertThat(body.get("waves").get(2).get("respondents").asLong()).isEqualTo(3);
        }
    }

    @Nested
    class WaveUsage {

        @Test
        void givesEveryFrequencyUsersRegularUsersAndUseCasesWithSharesAndIntervals() {
            JsonNode body = ok("/api/v1/waves/2025-06/usage");

            assertThat(fieldNames(body)).containsExactly("wave", "filter", "respondents", "suppressed", "frequencies",
                    "users", "regularUsers", "useCases", "expectedFutureUseCases", "disclosure");
            assertThat(body.get("wave").asText()).isEqualTo("2025-06");
            assertThat(body.get("respondents").asLong()).isEqualTo(50);
            assertThat(body.get("suppressed").asBoolean()).isFalse();
            assertThat(fieldNames(body.get("frequencies")))
                    .containsExactly(List.of(UsageFrequency.values()).stream().map(Enum::name).toArray(String[]::new));
            assertStatistic(body.get("frequencies").get("NEVER"), 15, "0.3", "0.1910", "0.4375");
            assertStatistic(body.get("frequencies").get("SEVERAL_TIMES_A_WEEK"), 10, "0.2", "0.1124", "0.3304");
            assertStatistic(body.get("frequencies").get("SEVERAL_TIMES_A_DAY"), 3, "0.06", "0.0206", "0.1622");
            assertStatistic(body.get("users"), 35, "0.7", "0.5625", "0.8090");
            assertStatistic(body.get("regularUsers"), 20, "0.4", "0.2761", "0.5382");
            assertThat(fieldNames(body.get("useCases")))
                    .containsExactly(List.of(UseCase.values()).stream().map(Enum::name).toArray(String[]::new));
            assertStatistic(body.get("useCases").get("ADMINISTRATIVE_DOCUMENTATION"), 35, "0.7", "0.5625", "0.8090");
            assertStatistic(body.get("useCases").get("DIAGNOSIS"), 20, "0.4", "0.2761", "0.5382");
            assertStatistic(body.get("useCases").get("RISK_MANAGEMENT"), 0, "0", "0", "0.0714");
            assertStatistic(body.get("expectedFutureUseCases").get("ADMINISTRATIVE_DOCUMENTATION"), 25, "0.5", "0.3664", "0.6336");
            assertStatistic(body.get("expectedFutureUseCases").get("PATIENT_FOLLOW_UP"), 13, "0.26", "0.1587", "0.3955");
            assertThat(fieldNames(body.get("expectedFutureUseCases"))).hasSize(UseCase.values().length);
        }

        @Test
        void writesSharesWithFourDecimals() {
            String body = server.get("/api/v1/waves/2025-06/usage").body();

            assertThat(body).contains("\"NEVER\":{\"count\":15,\"share\":0.3000,\"ci95\":[0.1910,0.4375]}");
        }

        @Test
        void echoesTheFilterWithNullForOpenCriteria() {
            assertThat(ok("/api/v1/waves/2025-06/usage").get("filter").toString())
                    .isEqualTo("{\"partner\":null,\"practiceType\":null,\"setting\":null}");
            assertThat(ok("/api/v1/waves/2025-06/usage?partner=M%C3%A9dica&practiceType=gp&setting=hospital").get("filter").toString())
                    .isEqualTo("{\"partner\":\"Médica\",\"practiceType\":\"GENERAL_PRACTITIONER\",\"setting\":\"HOSPITAL\"}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"M%C3%A9dica", "medica", "MEDICA", "%20M%C3%A9dica%20"})
        void filtersByPartnerIgnoringCaseAndAccents(String partner) {
            JsonNode body = ok("/api/v1/waves/2025-06/usage?partner=" + partner);

            assertThat(body.get("respondents").asLong()).isEqualTo(10);
            assertCount(body.get("frequencies").get("DAILY"), 7);
            assertCount(body.get("frequencies").get("SEVERAL_TIMES_A_DAY"), 3);
            assertStatistic(body.get("regularUsers"), 10, "1", "0.7225", "1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"GENERAL_PRACTITIONER", "gp", "MG", "G%C3%A9n%C3%A9raliste", "general%20practitioner"})
        void filtersByPracticeTypeThroughIngestionAliases(String practiceType) {
            JsonNode body = ok("/api/v1/waves/2025-06/usage?practiceType=" + practiceType);

            assertThat(body.get("respondents").asLong()).isEqualTo(30);
            assertStatistic(body.get("frequencies").get("NEVER"), 9, "0.3", "0.1666", "0.4788");
        }

        @Test
        void combinesFilters() {
            JsonNode body = ok("/api/v1/waves/2025-06/usage?partner=acme&practiceType=specialist&setting=Hospital");

            assertThat(body.get("respondents").asLong()).isEqualTo(8);
            assertThat(body.get("suppressed").asBoolean()).isFalse();
        }

        @Test
        void anUnknownPartnerIsAnEmptySuppressedResult() {
            JsonNode body = ok("/api/v1/waves/2025-06/usage?partner=nobody");

            assertThat(fieldNames(body)).containsExactly("wave", "filter", "respondents", "suppressed", "disclosure");
            assertThat(body.get("respondents").asLong()).isZero();
            assertThat(body.get("suppressed").asBoolean()).isTrue();
        }

        @Test
        void aSmallCellShowsItsRespondentsAndNoCounts() {
            JsonNode filtered = ok("/api/v1/waves/2025-06/usage?partner=medica&practiceType=SPECIALIST&setting=HOSPITAL");
            JsonNode smallWave = ok("/api/v1/waves/2026-06/usage");

            assertThat(fieldNames(filtered)).containsExactly("wave", "filter", "respondents", "suppressed", "disclosure");
            assertThat(filtered.get("respondents").asLong()).isEqualTo(2);
            assertThat(filtered.get("suppressed").asBoolean()).isTrue();
            assertThat(fieldNames(smallWave)).containsExactly("wave", "filter", "respondents", "suppressed", "disclosure");
            assertThat(smallWave.get("respondents").asLong()).isEqualTo(3);
        }
    }

    @Nested
    class WaveBarriers {

        @Test
        void listsEveryBarrierByCountThenName() {
            JsonNode body = ok("/api/v1/waves/2025-06/barriers");

            assertThat(fieldNames(body)).containsExactly("wave", "filter", "respondents", "suppressed", "barriers", "disclosure");
            assertThat(texts(body.get("barriers"), "barrier")).containsExactly(
                    "ETHICS_AND_LIABILITY", "DEHUMANIZATION_OF_CARE", "RELIABILITY_OF_RESULTS", "COST",
                    "DATA_PRIVACY", "LACK_OF_TRAINING", "NO_CLEAR_BENEFIT", "OTHER", "REGULATORY_UNCERTAINTY",
                    "WORKFLOW_INTEGRATION");
            assertThat(body.get("barriers")).hasSize(Barrier.values().length);
            JsonNode ethics = body.get("barriers").get(0);
            assertThat(fieldNames(ethics)).containsExactly("barrier", "count", "share", "ci95");
            assertThat(ethics.get("count").asLong()).isEqualTo(30);
            assertThat(ethics.get("share").decimalValue()).isEqualByComparingTo("0.6");
            assertThat(ethics.get("ci95").toString()).isEqualTo("[0.4618,0.7239]");
            assertThat(body.get("barriers").get(3).get("count").asLong()).isEqualTo(3);
        }

        @Test
        void followsTheFilterAndSuppressesSmallCells() {
            JsonNode medica = ok("/api/v1/waves/2025-06/barriers?partner=medica");
            JsonNode small = ok("/api/v1/waves/2026-06/barriers");

            assertThat(medica.get("respondents").asLong()).isEqualTo(10);
            assertThat(medica.get("barriers").get(0).get("count").asLong()).isZero();
            assertThat(texts(medica.get("barriers"), "barrier")).first().isEqualTo("COST");
            assertThat(fieldNames(small)).containsExactly("wave", "filter", "respondents", "suppressed", "disclosure");
        }
    }

    @Nested
    class WaveDrivers {

        @Test
        void listsEveryDriverAmongTheRespondentsAskedByCountThenName() {
            JsonNode body = ok("/api/v1/waves/2025-06/drivers");

            assertThat(fieldNames(body)).containsExactly("wave", "filter", "respondents", "asked", "suppressed", "drivers",
                    "disclosure");
            assertThat(body.get("respondents").asLong()).isEqualTo(50);
            assertThat(body.get("asked").asLong()).as("the first ten answered v1: not asked").isEqualTo(40);
            JsonNode drivers = body.get("drivers");
            assertThat(texts(drivers, "driver")).hasSize(9).startsWith("LACK_OF_MEDICAL_TIME", "REPETITIVE_TASKS",
                    "CURRICULUM_CHANGE");
            assertThat(fieldNames(drivers.get(0))).containsExactly("driver", "count", "share", "ci95");
            assertThat(drivers.get(0).get("count").asLong()).isEqualTo(20);
            assertThat(drivers.get(0).get("share").decimalValue()).isEqualByComparingTo("0.5");
            assertCount(drivers.get(1), 13);
            assertCount(drivers.get(2), 0);
        }

        @Test
        void followsTheFilterAndSuppressesWhenTooFewWereAsked() {
            JsonNode medica = ok("/api/v1/waves/2025-06/drivers?partner=medica");
            assertThat(medica.get("asked").asLong()).isEqualTo(10);
            assertCount(medica.get("drivers").get(0), 5);

            JsonNode older = ok("/api/v1/waves/2024-06/drivers");
            assertThat(older.get("respondents").asLong()).isEqualTo(8);
            assertThat(older.get("asked").asLong()).as("a wave answered in v1 only").isZero();
            assertThat(older.get("suppressed").asBoolean()).isTrue();
            assertThat(older.has("drivers")).isFalse();
        }
    }

    @Nested
    class WaveTools {

        @Test
        void listsUsedToolsByUsersThenIdWithCatalogueNames() {
            JsonNode body = ok("/api/v1/waves/2025-06/tools");

            assertThat(fieldNames(body)).containsExactly("wave", "filter", "respondents", "suppressed", "tools", "disclosure");
            JsonNode tools = body.get("tools");
            // outil-interne, named by one respondent only (fewer than k), is counted under "other tools".
            assertThat(texts(tools, "tool")).containsExactly("chatgpt", "nabla", "posos", "_other");
            assertThat(fieldNames(tools.get(0))).containsExactly("tool", "name", "known", "users", "regularUsers");
            assertThat(tools.get(0).get("name").asText()).isEqualTo("ChatGPT");
            assertThat(tools.get(0).get("known").asBoolean()).isTrue();
            assertStatistic(tools.get(0).get("users"), 35, "0.7", "0.5625", "0.8090");
            assertStatistic(tools.get(0).get("regularUsers"), 20, "0.4", "0.2761", "0.5382");
            assertCount(tools.get(1).get("regularUsers"), 5);
            assertCount(tools.get(2).get("regularUsers"), 10);
            assertThat(tools.get(3).get("known").asBoolean()).isFalse();
            assertThat(tools.get(3).get("name").asText()).isEqualTo("Other tools");
            assertStatistic(tools.get(3).get("users"), 1, "0.02", "0.0035", "0.1050");
        }

        @Test
        void topKeepsTheMostUsed() {
            assertThat(texts(ok("/api/v1/waves/2025-06/tools?top=2").get("tools"), "tool")).containsExactly("chatgpt", "nabla");
            assertThat(texts(ok("/api/v1/waves/2025-06/tools?top=100").get("tools"), "tool")).hasSize(4);
            assertThat(texts(ok("/api/v1/waves/2025-06/tools?top=1").get("tools"), "tool")).containsExactly("chatgpt");
        }

        @Test
        void followsTheFilter() {
            JsonNode body = ok("/api/v1/waves/2025-06/tools?partner=medica");

            assertThat(texts(body.get("tools"), "tool")).containsExactly("chatgpt", "nabla", "_other");
            assertCount(body.get("tools").get(0).get("users"), 10);
            assertThat(ok("/api/v1/waves/2024-06/tools?setting=private_practice").get("suppressed").asBoolean()).isTrue();
        }
    }

    @Nested
    class RollingUsage {

        @Test
        void defaultsToTheThirtyDaysEndingTodayInUtc() {
            JsonNode body = ok("/api/v1/usage/rolling");

            assertThat(fieldNames(body)).containsExactly("from", "until", "filter", "respondents", "suppressed", "frequencies",
                    "users", "regularUsers", "useCases", "expectedFutureUseCases", "disclosure");
            assertThat(body.get("from").asText()).isEqualTo("2025-05-07");
            assertThat(body.get("until").asText()).isEqualTo("2025-06-05");
            assertThat(body.get("respondents").asLong()).isEqualTo(50);
            assertStatistic(body.get("frequencies").get("NEVER"), 15, "0.3", "0.1910", "0.4375");
        }

        @Test
        void coversTheUtcDaysUntilMinusDaysPlusOneToUntil() {
            JsonNode oneDay = ok("/api/v1/usage/rolling?days=1&until=2025-06-02");

            assertThat(oneDay.get("from").asText()).isEqualTo("2025-06-02");
            assertThat(oneDay.get("respondents").asLong()).isEqualTo(16);
            assertCount(oneDay.get("frequencies").get("NEVER"), 15);
            assertCount(oneDay.get("frequencies").get("LESS_THAN_MONTHLY"), 1);
            assertThat(ok("/api/v1/usage/rolling?until=2024-06-30").get("respondents").asLong()).isEqualTo(8);
            assertThat(ok("/api/v1/usage/rolling?days=3&until=2025-06-04").get("respondents").asLong()).isEqualTo(50);
        }

        @Test
        void followsTheFilterAndSuppressesSmallCells() {
            assertThat(ok("/api/v1/usage/rolling?partner=medica").get("respondents").asLong()).isEqualTo(10);
            JsonNode small = ok("/api/v1/usage/rolling?days=366&until=2026-06-30");
            assertThat(fieldNames(small)).containsExactly("from", "until", "filter", "respondents", "suppressed", "disclosure");
            assertThat(small.get("from").asText()).isEqualTo("2025-06-30");
            assertThat(small.get("respondents").asLong()).isEqualTo(3);
        }
    }

    @Nested
    class ToolTrend {

        @ParameterizedTest
        @ValueSource(strings = {"chatgpt", "ChatGPT", "Chat%20GPT", "chat-gpt", "chatgpt-4o", "OpenAI"})
        void coversEveryWaveForAToolGivenByAnyAlias(String tool) {
            JsonNode body = ok("/api/v1/tools/" + tool + "/trend");

            assertThat(fieldNames(body)).containsExactly("tool", "name", "known", "filter", "points", "disclosure");
            assertThat(body.get("tool").asText()).isEqualTo("chatgpt");
            assertThat(body.get("name").asText()).isEqualTo("ChatGPT");
            JsonNode points = body.get("points");
            assertThat(texts(points, "wave")).containsExactly("2024-06", "2025-06", "2026-06");
            assertThat(fieldNames(points.get(0))).containsExactly("wave", "respondents", "suppressed", "users", "regularUsers");
            assertStatistic(points.get(0).get("users"), 2, "0.25", "0.0715", "0.5907");
            assertStatistic(points.get(1).get("users"), 35, "0.7", "0.5625", "0.8090");
            assertCount(points.get(1).get("regularUsers"), 20);
            assertThat(fieldNames(points.get(2))).containsExactly("wave", "respondents", "suppressed");
            assertThat(points.get(2).get("respondents").asLong()).isEqualTo(3);
        }

        @Test
        void includesZeroPointsAndFollowsTheFilter() {
            JsonNode posos = ok("/api/v1/tools/posos/trend");
            JsonNode medica = ok("/api/v1/tools/chatgpt/trend?partner=medica");

            assertCount(posos.get("points").get(0).get("users"), 0);
            assertCount(posos.get("points").get(1).get("users"), 10);
            assertThat(texts(medica.get("points"), "respondents")).containsExactly("0", "10", "0");
            assertThat(texts(medica.get("points"), "suppressed")).containsExactly("true", "false", "true");
            assertCount(medica.get("points").get(1).get("users"), 10);
        }

        @Test
        void aFreeTextToolNamedByFewerThanKIsAsUnknownAsOneNobodyNamed() {
            ApiTestServer.Response rare = server.get("/api/v1/tools/Outil%20Interne/trend");
            ApiTestServer.Response nobody = server.get("/api/v1/tools/Outil%20Externe/trend");

            assertThat(rare.status()).isEqualTo(404).isEqualTo(nobody.status());
            assertThat(rare.body()).isEqualTo(nobody.body().replace("Outil Externe", "Outil Interne"));
        }

        @Test
        void findsAFreeTextToolNamedByAtLeastKBySlug() {
            try (ApiTestServer k1 = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()),
                    Map.of(SurveyApiConfig.MIN_CELL_SIZE, 1), JUNE_5_2025)) {
                ApiTestServer.Response response = k1.get("/api/v1/tools/Outil%20Interne/trend");
                assertThat(response.status()).isEqualTo(200);
                JsonNode body = response.json();
                assertThat(body.get("tool").asText()).isEqualTo("outil-interne");
                assertThat(body.get("known").asBoolean()).isFalse();
                assertCount(body.get("points").get(1).get("users"), 1);
                assertThat(texts(k1.get("/api/v1/waves/2025-06/tools").json().get("tools"), "tool")).contains("outil-interne");
            }
        }
    }
}

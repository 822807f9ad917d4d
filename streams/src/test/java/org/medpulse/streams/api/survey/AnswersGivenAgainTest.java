package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.SurveyFixtures;

/**
 * Answers over HTTP while the stores' version stays the same and when it moves: the stores here
 * change without their version moving (a commit would move it), so an answer given again shows.
 */
class AnswersGivenAgainTest {

    private static final Clock JUNE_5_2025 = Clock.fixed(Instant.parse("2025-06-05T12:00:00Z"), ZoneOffset.UTC);
    private static final String USAGE = "/api/v1/waves/" + SurveyFixtures.WAVE_2025 + "/usage";

    private final AtomicLong commits = new AtomicLong();
    private final InMemoryPartitions stores = ApiTestServer.stores().replaceAll(SurveyFixtures.panel())
            .versioned(() -> Optional.of(commits.get()));
    private ApiTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private long respondents(String pathAndQuery) {
        ApiTestServer.Response response = server.get(pathAndQuery);
        assertThat(response.status()).as("%s -> %s", pathAndQuery, response).isEqualTo(200);
        return response.json().get("respondents").asLong();
    }

    private void oneMoreRespondent() {
        stores.add(Answer.in(SurveyFixtures.WAVE_2025).partner("acme").at(SurveyFixtures.FIRST_2025).build());
    }

    @Test
    void anAnswerIsGivenAgainUntilTheStoresVersionMoves() {
        server = ApiTestServer.start(stores, Map.of(), JUNE_5_2025);
        long before = respondents(USAGE);

        oneMoreRespondent();
        assertThat(respondents(USAGE)).as("same version: the answer given again").isEqualTo(before);
        assertThat(respondents(USAGE + "?partner=acme")).as("another question is read").isEqualTo(41);

        commits.incrementAndGet();
        assertThat(respondents(USAGE)).as("a commit later").isEqualTo(before + 1);

        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("medpulse_api_answers_kept_total 1.0").contains("medpulse_api_answers_made_total 3.0");
    }

    @Test
    void staleReadsAreNeverGivenAgain() {
        server = ApiTestServer.start(stores, Map.of(), JUNE_5_2025);
        long before = respondents(USAGE + "?allowStale=true");

        oneMoreRespondent();

        assertThat(respondents(USAGE + "?allowStale=true")).isEqualTo(before + 1);
    }

    @Test
    void noAnswerIsGivenAgainWhenTheCacheKeepsNone() {
        server = ApiTestServer.start(stores, Map.of(SurveyApiConfig.ANSWER_CACHE_ENTRIES, 0), JUNE_5_2025);
        long before = respondents(USAGE);

        oneMoreRespondent();

        assertThat(respondents(USAGE)).isEqualTo(before + 1);
    }
}

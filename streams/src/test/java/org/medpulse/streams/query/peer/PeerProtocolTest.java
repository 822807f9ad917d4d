package org.medpulse.streams.query.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.api.survey.ApiRoute;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.QuestionTypes;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.streams.query.question.BarriersQuestion;
import org.medpulse.streams.query.question.DriversQuestion;
import org.medpulse.streams.query.question.RollingUsageQuestion;
import org.medpulse.streams.query.question.ToolTrendQuestion;
import org.medpulse.streams.query.question.ToolsQuestion;
import org.medpulse.streams.query.question.UsageQuestion;
import org.medpulse.streams.query.question.WaveTotalsQuestion;
import org.medpulse.streams.query.question.WavesQuestion;
import org.medpulse.streams.state.Mergeable;

class PeerProtocolTest {

    static final SurveyFilter FILTER = SurveyFilter.of("Médica & co", PracticeType.SPECIALIST, PracticeSetting.MIXED);
    static final List<Question<?, ?>> QUESTIONS = List.of(
            new WavesQuestion(),
            new UsageQuestion("2025-06", FILTER),
            new BarriersQuestion("2025-06", SurveyFilter.all()),
            new DriversQuestion("2025-06", FILTER),
            new ToolsQuestion("wave with spaces/and slash", FILTER, 3),
            new ToolsQuestion("2025-06", SurveyFilter.all(), null),
            new RollingUsageQuestion(DayRange.ending(LocalDate.of(2025, 6, 30), 30), FILTER),
            ToolTrendQuestion.of("Outil Interne", SurveyFilter.all().withSetting(PracticeSetting.HOSPITAL), ToolCatalogue.builtIn()),
            ToolTrendQuestion.of("Chat GPT", FILTER, ToolCatalogue.builtIn()),
            new WaveTotalsQuestion());
    static final QuestionTypes TYPES = QuestionTypes.of(QUESTIONS.stream().<QuestionType<?>>map(Question::type).toList());

    @Test
    void everyQuestionTravelsToAPeerUnchanged() {
        for (Question<?, ?> question : QUESTIONS) {
            byte[] body = PeerProtocol.encodeRequest(question, Set.of(3, 0), ReadOptions.allowStale());

            assertThat(PeerProtocol.path(question)).isEqualTo("/internal/v1/partitions/" + question.type().name());
            PeerProtocol.Request request = PeerProtocol.decodeRequest(TYPES, question.type().name(), body);
            assertThat(request.question()).isEqualTo(question);
            assertThat(request.partitions()).containsExactly(0, 3);
            assertThat(request.options().isStaleAllowed()).isTrue();
        }
    }

    @Test
    void everyPartialAnswerTravelsBackUnchanged() throws Exception {
        List<Answer> panel = SurveyFixtures.panel();
        InMemoryPartitions stores = InMemoryPartitions.of(panel, 3, Set.of(0, 1), Set.of());
        stores.failing(1, FailureReason.NOT_ACTIVE);
        for (Question<?, ?> question : QUESTIONS) {
            assertRoundTrip(question, stores);
        }
    }

    private static <P extends Mergeable<P>> void assertRoundTrip(Question<P, ?> question, InMemoryPartitions stores)
            throws Exception {
        Map<Integer, QueryResult<P>> results = stores.read(question, Set.of(0, 1, 2), ReadOptions.activeOnly());

        Map<Integer, QueryResult<P>> decoded = PeerProtocol.decodeAnswer(question, PeerProtocol.encodeAnswer(results));

        assertThat(decoded).as("%s", question).isEqualTo(results);
        assertThat(decoded.get(0)).isInstanceOf(QueryResult.Success.class);
        assertThat(decoded.get(1)).isEqualTo(QueryResult.failure(FailureReason.NOT_ACTIVE, "partition 1: NOT_ACTIVE"));
        assertThat(decoded.get(2)).isInstanceOfSatisfying(QueryResult.Failure.class,
                f -> assertThat(f.reason()).isEqualTo(FailureReason.NOT_PRESENT));
    }

    @Test
    void theApiRoutesQuestionsAreTheOnesPeersAnswer() {
        for (ApiRoute route : ApiRoute.ALL) {
            route.question().ifPresent(question -> assertThat(TYPES.named(question.type().name())).contains(question.type()));
        }
    }

    @Test
    void malformedRequestsAreRejected() {
        assertThatThrownBy(() -> decode("usage", "{\"parameters\":{\"filter\":{}},\"partitions\":[0]}"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("wave");
        assertThatThrownBy(() -> decode("nonsense", "{\"parameters\":{},\"partitions\":[0]}")).hasMessageContaining("nonsense");
        assertThatThrownBy(() -> decode("waves", "{\"parameters\":{},\"partitions\":[\"zero\"]}")).hasMessageContaining("partition");
        assertThatThrownBy(() -> decode("waves", "{\"parameters\":{}}")).hasMessageContaining("partition");
        assertThatThrownBy(() -> decode("usage", "{\"parameters\":{\"wave\":\"w\",\"filter\":{\"setting\":\"GARDEN\"}},"
                + "\"partitions\":[0]}")).isInstanceOf(InvalidParameterException.class).hasMessageContaining("GARDEN");
        assertThatThrownBy(() -> decode("waves", "not json")).isInstanceOf(InvalidParameterException.class);
    }

    private static PeerProtocol.Request decode(String name, String body) {
        return PeerProtocol.decodeRequest(TYPES, name, body.getBytes(StandardCharsets.UTF_8));
    }
}

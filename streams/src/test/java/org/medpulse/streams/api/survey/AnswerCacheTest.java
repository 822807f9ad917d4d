package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.AnswersVersion;
import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.question.BarriersQuestion;
import org.medpulse.streams.query.question.UsageQuestion;

class AnswerCacheTest {

    private static final ToolCatalogue CATALOGUE = ToolCatalogue.builtIn();
    private static final UsageQuestion USAGE = new UsageQuestion("2025-06", SurveyFilter.all());

    private final AtomicReference<Optional<AnswersVersion>> version = new AtomicReference<>(Optional.of(version(1)));
    // Each answer made says how many were made before it: an answer given again says an earlier count.
    private final AtomicInteger made = new AtomicInteger();
    private final Supplier<QueryResult<byte[]>> make = () -> QueryResult.success(bytes("answer " + made.incrementAndGet()));

    private static AnswersVersion version(long commits) {
        return new AnswersVersion("placement", commits);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(QueryResult<byte[]> result) {
        return new String(result.value(), StandardCharsets.UTF_8);
    }

    private AnswerCache cache(int maxEntries) {
        return new AnswerCache(version::get, maxEntries);
    }

    @Test
    void givesAnAnswerAgainWhileTheVersionStaysTheSame() {
        AnswerCache cache = cache(16);

        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 1");
        assertThat(text(cache.answer(new UsageQuestion("2025-06", SurveyFilter.all()), Audience.ANALYST, CATALOGUE, make)))
                .as("an equal question").isEqualTo("answer 1");

        version.set(Optional.of(version(2)));
        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).as("a commit later").isEqualTo("answer 2");
        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 2");

        version.set(Optional.of(new AnswersVersion("another placement", 2L)));
        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).as("tasks moved").isEqualTo("answer 3");
    }

    @Test
    void answersEachQuestionAudienceAndCatalogueOnItsOwn() {
        AnswerCache cache = cache(16);
        cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make);

        assertThat(text(cache.answer(new BarriersQuestion("2025-06", SurveyFilter.all()), Audience.ANALYST, CATALOGUE, make)))
                .isEqualTo("answer 2");
        assertThat(text(cache.answer(new UsageQuestion("2025-05", SurveyFilter.all()), Audience.ANALYST, CATALOGUE, make)))
                .isEqualTo("answer 3");
        assertThat(text(cache.answer(USAGE, Audience.PUBLIC, CATALOGUE, make))).isEqualTo("answer 4");
        assertThat(text(cache.answer(USAGE, Audience.ANALYST, ToolCatalogue.builtIn(), make)))
                .as("a catalogue read again").isEqualTo("answer 5");
    }

    @Test
    void keepsNoAnswerMadeWhileTheVersionMoved() {
        AnswerCache cache = cache(16);
        Supplier<QueryResult<byte[]>> commitMeanwhile = () -> {
            QueryResult<byte[]> answer = make.get();
            version.set(Optional.of(version(2)));
            return answer;
        };

        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, commitMeanwhile))).isEqualTo("answer 1");
        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 2");
    }

    @Test
    void keepsNothingWithoutAVersion() {
        AnswerCache cache = cache(16);
        version.set(Optional.empty());

        cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make);

        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 2");
    }

    @Test
    void keepsNoFailure() {
        AnswerCache cache = cache(16);
        QueryResult<byte[]> failure = QueryResult.failure(FailureReason.REBALANCING, "moving");

        assertThat(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, () -> failure)).isSameAs(failure);

        assertThat(text(cache.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 1");
    }

    @Test
    void keepsAtMostItsEntriesAndNoneWhenItMayKeepNone() {
        AnswerCache one = cache(1);
        one.answer(USAGE, Audience.ANALYST, CATALOGUE, make);
        one.answer(USAGE, Audience.PUBLIC, CATALOGUE, make);
        assertThat(text(one.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 1");
        assertThat(text(one.answer(USAGE, Audience.PUBLIC, CATALOGUE, make))).as("over the limit").isEqualTo("answer 3");

        AnswerCache none = cache(0);
        none.answer(USAGE, Audience.ANALYST, CATALOGUE, make);
        assertThat(text(none.answer(USAGE, Audience.ANALYST, CATALOGUE, make))).isEqualTo("answer 5");
    }
}

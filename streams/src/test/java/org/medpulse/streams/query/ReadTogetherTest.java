package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.question.BarriersQuestion;
import org.medpulse.streams.query.question.DriversQuestion;
import org.medpulse.streams.query.question.RollingUsageQuestion;
import org.medpulse.streams.query.question.ToolTrendQuestion;
import org.medpulse.streams.query.question.ToolsQuestion;
import org.medpulse.streams.query.question.UsageQuestion;
import org.medpulse.streams.query.question.WaveTotalsQuestion;
import org.medpulse.streams.query.question.WavesQuestion;

/**
 * Every question answers the same whether an instance reads its partitions one by one and merges
 * their partial answers, or reads them together ({@link MergedStores}) and merges the stores.
 */
class ReadTogetherTest {

    private static final ToolCatalogue CATALOGUE = ToolCatalogue.builtIn();
    private static final List<String> WAVES = List.of(SurveyFixtures.WAVE_2024, SurveyFixtures.WAVE_2025,
            SurveyFixtures.WAVE_2026, "2030-01");

    private final InMemoryPartitions oneByOne = InMemoryPartitions.of(SurveyFixtures.panel(), 4, Set.of(0, 1, 2, 3),
            Set.of());
    private final InMemoryPartitions together = InMemoryPartitions.of(SurveyFixtures.panel(), 4, Set.of(0, 1, 2, 3),
            Set.of()).readingTogether(true);

    @Test
    void everyQuestionAnswersAsTheMergeOfItsPartitions() {
        List<Question<?, ?>> questions = questions();
        for (Question<?, ?> question : questions) {
            QueryResult<?> expected = answer(oneByOne, question);
            QueryResult<?> actual = answer(together, question);
            assertThat(actual).as("%s", question).usingRecursiveComparison().isEqualTo(expected);
        }
        assertThat(together.togetherReads()).as("each question read its partitions together").isEqualTo(questions.size());
        assertThat(oneByOne.togetherReads()).isZero();
    }

    @Test
    void aPartitionThatCannotBeReadMakesTheQuestionReadPartitionByPartition() {
        together.failing(2, FailureReason.REBALANCING);
        oneByOne.failing(2, FailureReason.REBALANCING);
        UsageQuestion usage = new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all());

        QueryResult<?> failed = answer(together, usage);

        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed).usingRecursiveComparison().isEqualTo(answer(oneByOne, usage));
        assertThat(together.togetherReads()).isZero();

        together.failing(2, null);
        oneByOne.failing(2, null);
        assertThat(answer(together, usage)).usingRecursiveComparison().isEqualTo(answer(oneByOne, usage));
        assertThat(together.togetherReads()).isOne();
    }

    private static List<Question<?, ?>> questions() {
        List<SurveyFilter> filters = new ArrayList<>();
        for (String partner : new String[] {null, "acme", "MEDICA", "nobody"}) {
            for (PracticeType type : new PracticeType[] {null, PracticeType.GENERAL_PRACTITIONER, PracticeType.SPECIALIST}) {
                for (PracticeSetting setting : new PracticeSetting[] {null, PracticeSetting.HOSPITAL}) {
                    filters.add(SurveyFilter.of(partner, type, setting));
                }
            }
        }
        List<Question<?, ?>> questions = new ArrayList<>(List.of(new WavesQuestion(), new WaveTotalsQuestion()));
        for (SurveyFilter filter : filters) {
            for (String wave : WAVES) {
                questions.add(new UsageQuestion(wave, filter));
                questions.add(new BarriersQuestion(wave, filter));
                questions.add(new DriversQuestion(wave, filter));
                questions.add(new ToolsQuestion(wave, filter, null));
                questions.add(new ToolsQuestion(wave, filter, 2));
            }
            for (String tool : new String[] {"chatgpt", "nabla", "posos", "outil-interne", "no such tool"}) {
                questions.add(ToolTrendQuestion.of(tool, filter, CATALOGUE));
            }
            questions.add(new RollingUsageQuestion(new DayRange(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-03")), filter));
            questions.add(new RollingUsageQuestion(new DayRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")), filter));
        }
        return questions;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static QueryResult<?> answer(InMemoryPartitions partitions, Question question) {
        return LocalQueries.over(partitions, SmallCellPolicy.minCellSize(2), () -> CATALOGUE)
                .answer(question, ReadOptions.activeOnly(), Audience.ANALYST);
    }
}

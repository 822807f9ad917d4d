package org.medpulse.streams.query.question;

import java.util.Objects;

import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.query.report.UsageReport;
import org.medpulse.streams.query.report.UsageStatistics;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/** Usage in a wave among the respondents a filter keeps: how often they use AI, and what for. */
public record UsageQuestion(String wave, SurveyFilter filter) implements Question<InWave<UsageCounts>, UsageReport> {

    public static final QuestionType<UsageQuestion> TYPE =
            QuestionType.of("usage", UsageQuestion.class, new TypeReference<InWave<UsageCounts>>() { });

    public UsageQuestion {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(filter, "filter");
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public InWave<UsageCounts> read(PartitionStores partition) {
        return InWave.read(partition, wave,
                stores -> stores.sum(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave), filter, UsageCounts.EMPTY));
    }

    @Override
    public QueryResult<UsageReport> answer(InWave<UsageCounts> merged, AnswerContext context) {
        return merged.known(wave).map(counts ->
                new UsageReport(wave, FilterEcho.of(filter), UsageStatistics.of(counts, context.disclosure()),
                context.disclosure().describe()));
    }
}

package org.medpulse.streams.query.question;

import java.util.Objects;

import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.BarriersReport;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.state.BarrierCounts;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.SurveyStores;

import com.fasterxml.jackson.core.type.TypeReference;

/** What holds back the respondents of a wave a filter keeps: how many name each barrier. */
public record BarriersQuestion(String wave, SurveyFilter filter) implements Question<InWave<BarrierCounts>, BarriersReport> {

    public static final QuestionType<BarriersQuestion> TYPE =
            QuestionType.of("barriers", BarriersQuestion.class, new TypeReference<InWave<BarrierCounts>>() { });

    public BarriersQuestion {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(filter, "filter");
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public InWave<BarrierCounts> read(PartitionStores partition) {
        return InWave.read(partition, wave,
                stores -> stores.sum(SurveyStores.BARRIERS_BY_WAVE, CellKey.ofWave(wave), filter, BarrierCounts.EMPTY));
    }

    @Override
    public QueryResult<BarriersReport> answer(InWave<BarrierCounts> merged, AnswerContext context) {
        return merged.known(wave).map(counts -> BarriersReport.of(wave, FilterEcho.of(filter), counts, context.disclosure()));
    }
}

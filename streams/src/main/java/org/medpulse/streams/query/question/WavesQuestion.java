package org.medpulse.streams.query.question;

import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.ByWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.report.WavesReport;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

import com.fasterxml.jackson.core.type.TypeReference;

/** Every wave with at least one respondent: its respondents and first and last submission. */
public record WavesQuestion() implements Question<ByWave<WaveSummary>, WavesReport> {

    public static final QuestionType<WavesQuestion> TYPE =
            QuestionType.of("waves", WavesQuestion.class, new TypeReference<ByWave<WaveSummary>>() { });

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public ByWave<WaveSummary> read(PartitionStores partition) {
        SortedMap<String, WaveSummary> waves = new TreeMap<>();
        for (KeyValue<WaveKey, WaveSummary> wave : partition.scan(SurveyStores.WAVES, KeyRange.all())) {
            ByWave.add(waves, wave.key.wave(), wave.value);
        }
        return new ByWave<>(waves);
    }

    @Override
    public QueryResult<WavesReport> answer(ByWave<WaveSummary> merged, AnswerContext context) {
        return QueryResult.success(WavesReport.of(merged.waves(), context));
    }
}

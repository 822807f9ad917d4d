package org.medpulse.streams.query.question;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.ByWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.report.WaveTotalsEvent;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/** Every wave's headline figures, as the live stream's events: respondents and regular users. */
public record WaveTotalsQuestion() implements Question<ByWave<UsageCounts>, List<WaveTotalsEvent>> {

    public static final QuestionType<WaveTotalsQuestion> TYPE =
            QuestionType.of("wave-totals", WaveTotalsQuestion.class, new TypeReference<ByWave<UsageCounts>>() { });

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public ByWave<UsageCounts> read(PartitionStores partition) {
        SortedMap<String, UsageCounts> waves = new TreeMap<>();
        for (KeyValue<CellKey, UsageCounts> cell : partition.scan(SurveyStores.USAGE_BY_WAVE, KeyRange.all())) {
            ByWave.add(waves, cell.key.wave(), cell.value);
        }
        return new ByWave<>(waves);
    }

    @Override
    public QueryResult<List<WaveTotalsEvent>> answer(ByWave<UsageCounts> merged, AnswerContext context) {
        return QueryResult.success(merged.waves().entrySet().stream()
                .map(e -> WaveTotalsEvent.of(e.getKey(), e.getValue(), context.disclosure()))
                .toList());
    }
}

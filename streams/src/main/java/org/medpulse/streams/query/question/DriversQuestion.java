package org.medpulse.streams.query.question;

import java.util.Objects;

import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.DriversReport;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.DriverCounts;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Which market drivers push the adoption of the respondents of a wave a filter keeps, among those
 * asked (schema v2): how many name each driver, and how many were asked of how many respondents.
 */
public record DriversQuestion(String wave, SurveyFilter filter) implements Question<InWave<DriversQuestion.Tally>, DriversReport> {

    public static final QuestionType<DriversQuestion> TYPE =
            QuestionType.of("drivers", DriversQuestion.class, new TypeReference<InWave<Tally>>() { });

    public DriversQuestion {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(filter, "filter");
    }

    /** The respondents the filter keeps, and the drivers of those of them who were asked. */
    public record Tally(Count respondents, DriverCounts drivers) implements Mergeable<Tally> {

        public Tally {
            Objects.requireNonNull(respondents, "respondents");
            Objects.requireNonNull(drivers, "drivers");
        }

        @Override
        public Tally plus(Tally other) {
            return new Tally(respondents.plus(other.respondents), drivers.plus(other.drivers));
        }
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public InWave<Tally> read(PartitionStores partition) {
        return InWave.read(partition, wave, stores -> new Tally(
                stores.sum(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave), filter, UsageCounts.EMPTY).respondentCount(),
                stores.sum(SurveyStores.DRIVERS_BY_WAVE, CellKey.ofWave(wave), filter, DriverCounts.EMPTY)));
    }

    @Override
    public QueryResult<DriversReport> answer(InWave<Tally> merged, AnswerContext context) {
        return merged.known(wave).map(tally -> DriversReport.of(wave, FilterEcho.of(filter), tally.respondents(),
                tally.drivers(), context.disclosure()));
    }
}

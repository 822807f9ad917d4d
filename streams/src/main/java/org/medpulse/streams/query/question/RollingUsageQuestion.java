package org.medpulse.streams.query.question;

import java.util.Objects;

import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.query.report.RollingUsageReport;
import org.medpulse.streams.query.report.UsageStatistics;
import org.medpulse.streams.state.DayKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Usage over the latest responses submitted on some UTC days, whatever their wave: a respondent
 * who answered two waves inside the days counts once per wave. Never unknown: empty days are zeros.
 */
public record RollingUsageQuestion(DayRange days, SurveyFilter filter) implements Question<UsageCounts, RollingUsageReport> {

    public static final QuestionType<RollingUsageQuestion> TYPE =
            QuestionType.of("usage-by-days", RollingUsageQuestion.class, new TypeReference<UsageCounts>() { });

    public RollingUsageQuestion {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(filter, "filter");
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public UsageCounts read(PartitionStores partition) {
        return partition.sum(SurveyStores.USAGE_BY_DAY, DayKey.ofDays(days.from(), days.until()), filter, UsageCounts.EMPTY);
    }

    @Override
    public QueryResult<RollingUsageReport> answer(UsageCounts merged, AnswerContext context) {
        return QueryResult.success(new RollingUsageReport(days.from().toString(), days.until().toString(),
                FilterEcho.of(filter), UsageStatistics.of(merged, context.disclosure()), context.disclosure().describe()));
    }
}

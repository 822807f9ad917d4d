package org.medpulse.streams.query.question;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.query.report.ToolsReport;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Tool adoption in a wave among the respondents a filter keeps: tools with at least one user,
 * most used first then by id, the first {@code top} of them if given ({@code null}: all).
 */
public record ToolsQuestion(String wave, SurveyFilter filter, Integer top)
        implements Question<InWave<ToolsQuestion.Tally>, ToolsReport> {

    public static final QuestionType<ToolsQuestion> TYPE =
            QuestionType.of("tools", ToolsQuestion.class, new TypeReference<InWave<Tally>>() { });

    public ToolsQuestion {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(filter, "filter");
    }

    /** The respondents kept, and each tool's users among them, by catalogue id (or slug of an unknown tool). */
    public record Tally(long respondents, Map<String, ToolCounts> tools) implements Mergeable<Tally> {

        public Tally {
            tools = Map.copyOf(tools);
        }

        @Override
        public Tally plus(Tally other) {
            Map<String, ToolCounts> sum = new HashMap<>(tools);
            other.tools.forEach((tool, counts) -> sum.merge(tool, counts, ToolCounts::plus));
            return new Tally(respondents + other.respondents, sum);
        }
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public InWave<Tally> read(PartitionStores partition) {
        return InWave.read(partition, wave, stores -> {
            long respondents = stores.sum(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave), filter, UsageCounts.EMPTY)
                    .respondents();
            Map<String, ToolCounts> tools = new HashMap<>();
            for (KeyValue<ToolKey, ToolCounts> cell : stores.scan(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWave(wave))) {
                if (filter.matches(cell.key.cell())) {
                    tools.merge(cell.key.tool(), cell.value, ToolCounts::plus);
                }
            }
            return new Tally(respondents, tools);
        });
    }

    @Override
    public QueryResult<ToolsReport> answer(InWave<Tally> merged, AnswerContext context) {
        return merged.known(wave).map(tally -> {
            long n = tally.respondents();
            if (context.policy().suppresses(n)) {
                return new ToolsReport(wave, FilterEcho.of(filter), n, true, null);
            }
            ToolCatalogue names = context.catalogue();
            List<ToolsReport.ToolStatistic> tools = tally.tools().entrySet().stream()
                    .filter(e -> e.getValue().users() > 0)
                    .sorted(Comparator.comparingLong((Map.Entry<String, ToolCounts> e) -> e.getValue().users()).reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(top == null ? Long.MAX_VALUE : top)
                    .map(e -> {
                        ToolEntry entry = names.byId(e.getKey()).orElseGet(() -> ToolEntry.unknown(e.getKey(), e.getKey()));
                        return new ToolsReport.ToolStatistic(entry.id(), entry.name(), entry.known(),
                                Statistic.of(e.getValue().users(), n), Statistic.of(e.getValue().regularUsers(), n));
                    })
                    .toList();
            return new ToolsReport(wave, FilterEcho.of(filter), n, false, tools);
        });
    }
}

package org.medpulse.streams.query.question;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.CellSums;
import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.InWave;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.query.report.ToolsReport;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Tool adoption in a wave among the respondents a filter keeps: tools with at least one user (as
 * published), most used first then by id, then {@link ToolsReport#OTHER_TOOLS}; the first
 * {@code top} entries if given ({@code null}: all). A free-text tool (one the catalogue does not know) is named only when at least k
 * respondents of the whole wave named it, whatever the filter, since a rare name can point at the
 * one physician who typed it; the others are counted together under {@link ToolsReport#OTHER_TOOLS},
 * last, whose users are the sum of theirs (a respondent naming two of them counts twice).
 */
public record ToolsQuestion(String wave, SurveyFilter filter, Integer top)
        implements Question<InWave<ToolsQuestion.Tally>, ToolsReport> {

    /** The most tools a question may ask for by name ({@code top}). */
    public static final int MAX_TOP = 100;

    public static final QuestionType<ToolsQuestion> TYPE =
            QuestionType.of("tools", ToolsQuestion.class, new TypeReference<InWave<Tally>>() { });

    public ToolsQuestion {
        Objects.requireNonNull(wave, "wave");
        Objects.requireNonNull(filter, "filter");
        if (top != null && (top < 1 || top > MAX_TOP)) {
            throw new IllegalArgumentException("top must be 1 to " + MAX_TOP + ", got " + top);
        }
    }

    /** The respondents kept, and each tool named in the wave, by catalogue id (or slug of an unknown tool). */
    public record Tally(Count respondents, Map<String, Tool> tools) implements Mergeable<Tally> {

        public Tally {
            Objects.requireNonNull(respondents, "respondents");
            tools = Map.copyOf(tools);
        }

        @Override
        public Tally plus(Tally other) {
            Map<String, Tool> sum = new HashMap<>(tools);
            other.tools.forEach((tool, counts) -> sum.merge(tool, counts, Tool::plus));
            return new Tally(respondents.plus(other.respondents), sum);
        }
    }

    /** A tool's users among the respondents kept, and how many respondents of the whole wave named it. */
    public record Tool(ToolCounts kept, long namedBy) {

        Tool plus(Tool other) {
            return new Tool(kept.plus(other.kept), namedBy + other.namedBy);
        }
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public InWave<Tally> read(PartitionStores partition) {
        return InWave.read(partition, wave, stores -> {
            Count respondents = stores.sum(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave), filter, UsageCounts.EMPTY)
                    .respondentCount();
            CellSums<String, ToolCounts> sums = stores.sums(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWave(wave), ToolKey.BY_TOOL);
            Map<String, ToolCounts> kept = sums.sums(filter);
            Map<String, Tool> tools = new HashMap<>();
            // Every tool named in the wave, whatever the filter keeps of its users.
            sums.sums(SurveyFilter.all()).forEach((tool, named) ->
                    tools.put(tool, new Tool(kept.getOrDefault(tool, ToolCounts.NONE), named.users().n())));
            return new Tally(respondents, tools);
        });
    }

    @Override
    public QueryResult<ToolsReport> answer(InWave<Tally> merged, AnswerContext context) {
        Disclosure disclosure = context.disclosure();
        return merged.known(wave).map(tally -> {
            Count n = tally.respondents();
            long shown = disclosure.publish(n);
            if (disclosure.suppresses(n)) {
                return new ToolsReport(wave, FilterEcho.of(filter), shown, true, null, disclosure.describe());
            }
            ToolCatalogue names = context.catalogue();
            List<Listed> listed = new ArrayList<>();
            ToolCounts others = ToolCounts.NONE;
            for (Map.Entry<String, Tool> tool : tally.tools().entrySet()) {
                ToolEntry entry = names.byId(tool.getKey()).orElseGet(() -> ToolEntry.unknown(tool.getKey(), tool.getKey()));
                if (!entry.known() && !context.mayName(tool.getValue().namedBy())) {
                    others = others.plus(tool.getValue().kept());
                } else {
                    listed.add(new Listed(entry, tool.getValue().kept(), disclosure.publish(tool.getValue().kept().users())));
                }
            }
            List<ToolsReport.ToolStatistic> tools = new ArrayList<>(listed.stream()
                    .filter(tool -> tool.users() > 0)
                    .sorted(Comparator.comparingLong(Listed::users).reversed().thenComparing(tool -> tool.entry().id()))
                    .map(tool -> statistic(tool.entry().id(), tool.entry().name(), tool.entry().known(), tool.counts(), n,
                            disclosure))
                    .toList());
            if (disclosure.publish(others.users()) > 0) {
                tools.add(statistic(ToolsReport.OTHER_TOOLS, ToolsReport.OTHER_TOOLS_NAME, false, others, n, disclosure));
            }
            List<ToolsReport.ToolStatistic> first = top == null ? tools : tools.subList(0, Math.min(top, tools.size()));
            return new ToolsReport(wave, FilterEcho.of(filter), shown, false, first, disclosure.describe());
        });
    }

    private static ToolsReport.ToolStatistic statistic(String id, String name, boolean known, ToolCounts counts, Count n,
                                                       Disclosure disclosure) {
        return new ToolsReport.ToolStatistic(id, name, known, disclosure.statistic(counts.users(), n),
                disclosure.statistic(counts.regularUsers(), n));
    }

    /** A tool that may be named, with its users as published (what the list is sorted by). */
    private record Listed(ToolEntry entry, ToolCounts counts, long users) {
    }
}

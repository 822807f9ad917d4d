package org.medpulse.streams.query.question;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.query.AnswerContext;
import org.medpulse.streams.query.CellSums;
import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.ByWave;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.PartitionStores;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.report.FilterEcho;
import org.medpulse.streams.query.report.ToolTrendReport;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.Mergeable;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.UsageCounts;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * One tool's adoption in every wave, among the respondents a filter keeps: one point per wave,
 * sorted by wave, zeros included. The tool is a catalogue id, or the slug of a name the catalogue
 * does not know, as ingestion stores unknown tools ({@link #of}). A free-text tool is unknown (404)
 * unless at least k respondents of some whole wave named it, whatever the filter, exactly as if
 * nobody had: the status must not tell whether one physician typed that name. Its points in waves
 * where fewer than k named it are suppressed.
 *
 * @param asked the tool as asked for, for messages
 */
public record ToolTrendQuestion(String asked, String toolId, String name, boolean known, SurveyFilter filter)
        implements Question<ByWave<ToolTrendQuestion.Point>, ToolTrendReport> {

    public static final QuestionType<ToolTrendQuestion> TYPE =
            QuestionType.of("tool-trend", ToolTrendQuestion.class, new TypeReference<ByWave<Point>>() { });

    public ToolTrendQuestion {
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(toolId, "toolId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(filter, "filter");
    }

    /** {@code tool}'s trend, {@code tool} being an id, a name or an alias, or a name the catalogue does not know. */
    public static ToolTrendQuestion of(String tool, SurveyFilter filter, ToolCatalogue catalogue) {
        ToolEntry entry = catalogue.find(tool).orElseGet(() -> ToolEntry.unknown(ToolCatalogue.slug(tool), ToolCatalogue.slug(tool)));
        return new ToolTrendQuestion(tool, entry.id(), entry.name(), entry.known(), filter);
    }

    /**
     * The tool in one wave: the respondents the filter keeps, the tool's users among them, and how
     * many respondents of the whole wave named the tool, whatever the filter.
     */
    public record Point(Count respondents, ToolCounts tool, long namedBy) implements Mergeable<Point> {

        @Override
        public Point plus(Point other) {
            return new Point(respondents.plus(other.respondents), tool.plus(other.tool), namedBy + other.namedBy);
        }
    }

    @Override
    public QuestionType<?> type() {
        return TYPE;
    }

    @Override
    public ByWave<Point> read(PartitionStores partition) {
        SortedMap<String, Point> points = new TreeMap<>();
        if (toolId.isEmpty()) {
            return new ByWave<>(points);
        }
        for (KeyValue<WaveKey, WaveSummary> summary : partition.scan(SurveyStores.WAVES, KeyRange.all())) {
            String wave = summary.key.wave();
            Count respondents = partition.sum(SurveyStores.USAGE_BY_WAVE, CellKey.ofWave(wave), filter, UsageCounts.EMPTY)
                    .respondentCount();
            // The wave's sums of every tool, which the tools answer shares, rather than the tool's alone.
            CellSums<String, ToolCounts> tools = partition.sums(SurveyStores.TOOLS_BY_WAVE, ToolKey.ofWave(wave), ToolKey.BY_TOOL);
            points.put(wave, new Point(respondents, tools.sums(filter).getOrDefault(toolId, ToolCounts.NONE),
                    tools.sums(SurveyFilter.all()).getOrDefault(toolId, ToolCounts.NONE).users().n()));
        }
        return new ByWave<>(points);
    }

    @Override
    public QueryResult<ToolTrendReport> answer(ByWave<Point> merged, AnswerContext context) {
        boolean named = merged.waves().values().stream().anyMatch(point -> context.mayName(point.namedBy()));
        if (toolId.isEmpty() || !known && !named) {
            return QueryResult.failure(FailureReason.UNKNOWN_TOOL,
                    "Unknown tool '" + asked + "': not in the catalogue and named by no response");
        }
        List<ToolTrendReport.Point> points = merged.waves().entrySet().stream()
                .map(e -> point(e.getKey(), e.getValue(), context))
                .toList();
        return QueryResult.success(new ToolTrendReport(toolId, name, known, FilterEcho.of(filter), points,
                context.disclosure().describe()));
    }

    private ToolTrendReport.Point point(String wave, Point point, AnswerContext context) {
        Disclosure disclosure = context.disclosure();
        Count n = point.respondents();
        long shown = disclosure.publish(n);
        if (disclosure.suppresses(n) || !known && !context.mayName(point.namedBy())) {
            return new ToolTrendReport.Point(wave, shown, true, null, null);
        }
        return new ToolTrendReport.Point(wave, shown, false,
                disclosure.statistic(point.tool().users(), n), disclosure.statistic(point.tool().regularUsers(), n));
    }
}

package org.medpulse.streams.query.routing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.ToolTotals;
import org.medpulse.streams.query.ToolTrendTotals;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.WaveOverview;
import org.medpulse.streams.query.WaveTotals;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A question asked of every partition, whose partial answers merge into the complete one. Each
 * kind knows its wire form (a name and query-string parameters, for asking peers), how to read one
 * partition, how to merge two partial answers, and the JSON of a partial answer.
 */
public sealed interface PartialQuery<T> {

    /** The kind's name in the peer protocol's path. */
    String kind();

    /** The parameters that, with {@link #kind()}, describe the query to a peer. */
    Map<String, String> parameters();

    PartitionResult<T> readFrom(PartitionReader partition);

    /** The answer of no partition at all. */
    T empty();

    T merge(T left, T right);

    JsonNode encode(T value);

    T decode(JsonNode json);

    /** The query a peer asks for, from its wire form; unknown kinds and bad parameters are rejected. */
    static PartialQuery<?> parse(String kind, Map<String, String> parameters) {
        return switch (kind) {
            case Waves.KIND -> new Waves();
            case Usage.KIND -> new Usage(required(parameters, "wave"), filter(parameters));
            case Barriers.KIND -> new Barriers(required(parameters, "wave"), filter(parameters));
            case Tools.KIND -> new Tools(required(parameters, "wave"), filter(parameters));
            case UsageByDays.KIND -> new UsageByDays(new DayRange(date(parameters, "from"), date(parameters, "until")),
                    filter(parameters));
            case ToolTrend.KIND -> new ToolTrend(required(parameters, "tool"), filter(parameters));
            case AllWaveTotals.KIND -> new AllWaveTotals();
            default -> throw new InvalidParameterException("kind", "Unknown partial query '" + kind + "'");
        };
    }

    /** Every wave with its partial respondents and submission bounds. */
    record Waves() implements PartialQuery<List<WaveOverview>> {
        static final String KIND = "waves";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public PartitionResult<List<WaveOverview>> readFrom(PartitionReader partition) {
            return partition.waves();
        }

        @Override
        public List<WaveOverview> empty() {
            return List.of();
        }

        @Override
        public List<WaveOverview> merge(List<WaveOverview> left, List<WaveOverview> right) {
            Map<String, WaveOverview> byWave = new TreeMap<>();
            left.forEach(w -> byWave.merge(w.wave(), w, WaveOverview::plus));
            right.forEach(w -> byWave.merge(w.wave(), w, WaveOverview::plus));
            return List.copyOf(byWave.values());
        }

        @Override
        public JsonNode encode(List<WaveOverview> value) {
            return PartialCodec.waves(value);
        }

        @Override
        public List<WaveOverview> decode(JsonNode json) {
            return PartialCodec.waves(json);
        }
    }

    record Usage(String wave, SurveyFilter filter) implements PartialQuery<InWave<UsageTotals>> {
        static final String KIND = "usage";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return withFilter(filter, "wave", wave);
        }

        @Override
        public PartitionResult<InWave<UsageTotals>> readFrom(PartitionReader partition) {
            return partition.usage(wave, filter);
        }

        @Override
        public InWave<UsageTotals> empty() {
            return new InWave<>(false, UsageTotals.EMPTY);
        }

        @Override
        public InWave<UsageTotals> merge(InWave<UsageTotals> left, InWave<UsageTotals> right) {
            return left.plus(right, UsageTotals::plus);
        }

        @Override
        public JsonNode encode(InWave<UsageTotals> value) {
            return PartialCodec.inWave(value.waveSeen(), PartialCodec.usage(value.totals()));
        }

        @Override
        public InWave<UsageTotals> decode(JsonNode json) {
            return new InWave<>(json.get("waveSeen").asBoolean(), PartialCodec.usage(json.get("totals")));
        }
    }

    record Barriers(String wave, SurveyFilter filter) implements PartialQuery<InWave<BarrierTotals>> {
        static final String KIND = "barriers";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return withFilter(filter, "wave", wave);
        }

        @Override
        public PartitionResult<InWave<BarrierTotals>> readFrom(PartitionReader partition) {
            return partition.barriers(wave, filter);
        }

        @Override
        public InWave<BarrierTotals> empty() {
            return new InWave<>(false, BarrierTotals.EMPTY);
        }

        @Override
        public InWave<BarrierTotals> merge(InWave<BarrierTotals> left, InWave<BarrierTotals> right) {
            return left.plus(right, BarrierTotals::plus);
        }

        @Override
        public JsonNode encode(InWave<BarrierTotals> value) {
            return PartialCodec.inWave(value.waveSeen(), PartialCodec.barriers(value.totals()));
        }

        @Override
        public InWave<BarrierTotals> decode(JsonNode json) {
            return new InWave<>(json.get("waveSeen").asBoolean(), PartialCodec.barriers(json.get("totals")));
        }
    }

    record Tools(String wave, SurveyFilter filter) implements PartialQuery<InWave<ToolTotals>> {
        static final String KIND = "tools";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return withFilter(filter, "wave", wave);
        }

        @Override
        public PartitionResult<InWave<ToolTotals>> readFrom(PartitionReader partition) {
            return partition.tools(wave, filter);
        }

        @Override
        public InWave<ToolTotals> empty() {
            return new InWave<>(false, ToolTotals.EMPTY);
        }

        @Override
        public InWave<ToolTotals> merge(InWave<ToolTotals> left, InWave<ToolTotals> right) {
            return left.plus(right, ToolTotals::plus);
        }

        @Override
        public JsonNode encode(InWave<ToolTotals> value) {
            return PartialCodec.inWave(value.waveSeen(), PartialCodec.tools(value.totals()));
        }

        @Override
        public InWave<ToolTotals> decode(JsonNode json) {
            return new InWave<>(json.get("waveSeen").asBoolean(), PartialCodec.tools(json.get("totals")));
        }
    }

    record UsageByDays(DayRange days, SurveyFilter filter) implements PartialQuery<UsageTotals> {
        static final String KIND = "usage-by-days";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return withFilter(filter, "from", days.from().toString(), "until", days.until().toString());
        }

        @Override
        public PartitionResult<UsageTotals> readFrom(PartitionReader partition) {
            return partition.usageByDays(days, filter);
        }

        @Override
        public UsageTotals empty() {
            return UsageTotals.EMPTY;
        }

        @Override
        public UsageTotals merge(UsageTotals left, UsageTotals right) {
            return left.plus(right);
        }

        @Override
        public JsonNode encode(UsageTotals value) {
            return PartialCodec.usage(value);
        }

        @Override
        public UsageTotals decode(JsonNode json) {
            return PartialCodec.usage(json);
        }
    }

    record ToolTrend(String toolId, SurveyFilter filter) implements PartialQuery<ToolTrendTotals> {
        static final String KIND = "tool-trend";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return withFilter(filter, "tool", toolId);
        }

        @Override
        public PartitionResult<ToolTrendTotals> readFrom(PartitionReader partition) {
            return partition.toolTrend(toolId, filter);
        }

        @Override
        public ToolTrendTotals empty() {
            return new ToolTrendTotals(toolId, false, List.of());
        }

        @Override
        public ToolTrendTotals merge(ToolTrendTotals left, ToolTrendTotals right) {
            Map<String, ToolTrendTotals.WaveTally> byWave = new TreeMap<>();
            for (ToolTrendTotals.WaveTally tally : concat(left.waves(), right.waves())) {
                byWave.merge(tally.wave(), tally, (a, b) -> new ToolTrendTotals.WaveTally(a.wave(),
                        a.respondents() + b.respondents(), a.tally().plus(b.tally())));
            }
            return new ToolTrendTotals(toolId, left.named() || right.named(), List.copyOf(byWave.values()));
        }

        @Override
        public JsonNode encode(ToolTrendTotals value) {
            return PartialCodec.trend(value);
        }

        @Override
        public ToolTrendTotals decode(JsonNode json) {
            return PartialCodec.trend(json);
        }
    }

    /** Every wave's respondents and regular users, for the live stream. */
    record AllWaveTotals() implements PartialQuery<List<WaveTotals>> {
        static final String KIND = "wave-totals";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of();
        }

        @Override
        public PartitionResult<List<WaveTotals>> readFrom(PartitionReader partition) {
            return partition.waveTotals();
        }

        @Override
        public List<WaveTotals> empty() {
            return List.of();
        }

        @Override
        public List<WaveTotals> merge(List<WaveTotals> left, List<WaveTotals> right) {
            Map<String, WaveTotals> byWave = new TreeMap<>();
            for (WaveTotals totals : concat(left, right)) {
                byWave.merge(totals.wave(), totals, (a, b) -> new WaveTotals(a.wave(),
                        a.respondents() + b.respondents(), a.regularUsers() + b.regularUsers()));
            }
            return List.copyOf(byWave.values());
        }

        @Override
        public JsonNode encode(List<WaveTotals> value) {
            return PartialCodec.waveTotals(value);
        }

        @Override
        public List<WaveTotals> decode(JsonNode json) {
            return PartialCodec.waveTotals(json);
        }
    }

    private static <E> List<E> concat(List<E> left, List<E> right) {
        List<E> all = new ArrayList<>(left.size() + right.size());
        all.addAll(left);
        all.addAll(right);
        return all;
    }

    private static Map<String, String> withFilter(SurveyFilter filter, String... nameValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], nameValues[i + 1]);
        }
        filter.partner().ifPresent(p -> parameters.put("partner", p));
        filter.practiceType().ifPresent(t -> parameters.put("practiceType", t.name()));
        filter.setting().ifPresent(s -> parameters.put("setting", s.name()));
        return parameters;
    }

    private static SurveyFilter filter(Map<String, String> parameters) {
        try {
            String type = parameters.get("practiceType");
            String setting = parameters.get("setting");
            return SurveyFilter.of(parameters.get("partner"),
                    type == null ? null : PracticeType.valueOf(type),
                    setting == null ? null : PracticeSetting.valueOf(setting));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("filter", "Bad filter in partial query: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException(name, "Partial query without '" + name + "'");
        }
        return value;
    }

    private static LocalDate date(Map<String, String> parameters, String name) {
        try {
            return LocalDate.parse(required(parameters, name));
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "Bad '" + name + "' in partial query: " + parameters.get(name));
        }
    }
}

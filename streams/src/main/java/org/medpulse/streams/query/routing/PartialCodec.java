package org.medpulse.streams.query.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.ToolTally;
import org.medpulse.streams.query.ToolTotals;
import org.medpulse.streams.query.ToolTrendTotals;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.query.WaveOverview;
import org.medpulse.streams.query.WaveTotals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON for the partial totals instances exchange. Symbols by name (not ordinal) and zero counts
 * left out, so the messages stay small and readable; an unknown symbol fails decoding loudly.
 */
final class PartialCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PartialCodec() {
    }

    static ObjectNode usage(UsageTotals totals) {
        ObjectNode json = NODES.objectNode().put("respondents", totals.respondents());
        json.set("frequencies", counts(UsageFrequency.values(), totals::frequency));
        json.set("useCases", counts(UseCase.values(), totals::useCase));
        json.set("expectedFutureUseCases", counts(UseCase.values(), totals::expectedFutureUseCase));
        return json;
    }

    static UsageTotals usage(JsonNode json) {
        UsageTotals.Builder totals = UsageTotals.builder().respondents(json.get("respondents").asLong());
        read(json.get("frequencies"), UsageFrequency::valueOf, totals::frequency);
        read(json.get("useCases"), UseCase::valueOf, totals::useCase);
        read(json.get("expectedFutureUseCases"), UseCase::valueOf, totals::expectedFutureUseCase);
        return totals.build();
    }

    static ObjectNode barriers(BarrierTotals totals) {
        ObjectNode json = NODES.objectNode().put("respondents", totals.respondents());
        json.set("barriers", counts(Barrier.values(), totals::barrier));
        return json;
    }

    static BarrierTotals barriers(JsonNode json) {
        BarrierTotals.Builder totals = BarrierTotals.builder().respondents(json.get("respondents").asLong());
        read(json.get("barriers"), Barrier::valueOf, totals::barrier);
        return totals.build();
    }

    static ObjectNode tools(ToolTotals totals) {
        ObjectNode json = NODES.objectNode().put("respondents", totals.respondents());
        ObjectNode tools = json.putObject("tools");
        totals.tools().forEach((id, tally) -> tools.putArray(id).add(tally.users()).add(tally.regularUsers()));
        return json;
    }

    static ToolTotals tools(JsonNode json) {
        ToolTotals.Builder totals = ToolTotals.builder().respondents(json.get("respondents").asLong());
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("tools").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tool = it.next();
            totals.tool(tool.getKey(), new ToolTally(tool.getValue().get(0).asLong(), tool.getValue().get(1).asLong()));
        }
        return totals.build();
    }

    static ArrayNode waves(List<WaveOverview> waves) {
        ArrayNode json = NODES.arrayNode();
        waves.forEach(w -> json.addObject().put("wave", w.wave()).put("respondents", w.respondents())
                .put("first", w.firstSubmittedAt().toEpochMilli()).put("last", w.lastSubmittedAt().toEpochMilli()));
        return json;
    }

    static List<WaveOverview> waves(JsonNode json) {
        List<WaveOverview> waves = new ArrayList<>();
        json.forEach(w -> waves.add(new WaveOverview(w.get("wave").asText(), w.get("respondents").asLong(),
                Instant.ofEpochMilli(w.get("first").asLong()), Instant.ofEpochMilli(w.get("last").asLong()))));
        return waves;
    }

    static ObjectNode trend(ToolTrendTotals trend) {
        ObjectNode json = NODES.objectNode().put("toolId", trend.toolId()).put("named", trend.named());
        ArrayNode waves = json.putArray("waves");
        trend.waves().forEach(w -> waves.addObject().put("wave", w.wave()).put("respondents", w.respondents())
                .put("users", w.tally().users()).put("regularUsers", w.tally().regularUsers()));
        return json;
    }

    static ToolTrendTotals trend(JsonNode json) {
        List<ToolTrendTotals.WaveTally> waves = new ArrayList<>();
        json.get("waves").forEach(w -> waves.add(new ToolTrendTotals.WaveTally(w.get("wave").asText(),
                w.get("respondents").asLong(), new ToolTally(w.get("users").asLong(), w.get("regularUsers").asLong()))));
        return new ToolTrendTotals(json.get("toolId").asText(), json.get("named").asBoolean(), waves);
    }

    static ArrayNode waveTotals(List<WaveTotals> totals) {
        ArrayNode json = NODES.arrayNode();
        totals.forEach(t -> json.addObject().put("wave", t.wave()).put("respondents", t.respondents())
                .put("regularUsers", t.regularUsers()));
        return json;
    }

    static List<WaveTotals> waveTotals(JsonNode json) {
        List<WaveTotals> totals = new ArrayList<>();
        json.forEach(t -> totals.add(new WaveTotals(t.get("wave").asText(), t.get("respondents").asLong(),
                t.get("regularUsers").asLong())));
        return totals;
    }

    static ObjectNode inWave(boolean waveSeen, JsonNode totals) {
        ObjectNode json = NODES.objectNode().put("waveSeen", waveSeen);
        json.set("totals", totals);
        return json;
    }

    private static <E extends Enum<E>> ObjectNode counts(E[] symbols, ToLongFunction<E> count) {
        ObjectNode json = NODES.objectNode();
        for (E symbol : symbols) {
            long value = count.applyAsLong(symbol);
            if (value != 0) {
                json.put(symbol.name(), value);
            }
        }
        return json;
    }

    private static <E extends Enum<E>> void read(JsonNode counts, Function<String, E> symbol,
                                                 ObjLongConsumer<E> add) {
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> count = it.next();
            add.accept(symbol.apply(count.getKey()), count.getValue().asLong());
        }
    }
}

package org.medpulse.it.streams;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.ToolUse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The API's answers computed the plain way from a reference model's latest responses, without
 * the application's stores, questions or report classes: counts counted here, suppression under
 * the default small-cell rule (fewer than {@value #K} respondents, or respondents asked for the
 * drivers), lists sorted as the API documents. An actual answer is compared in a projection that
 * keeps what this computes: every statistic {@code {count, share, ci95}} becomes its count (a
 * barrier's or driver's entry keeps its name and count) once its share (count over respondents, or over those asked for drivers, rounded half-up to 4
 * decimals) and its Wilson interval (z = 1.96) are checked against the count, and the
 * {@code filter} echo and {@code disclosure} block are left out.
 */
final class ExpectedAnswers {

    /** The default minimum cell size of the {@code suppress} method. */
    static final int K = 5;
    private static final double Z = 1.96;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A request of the API and how to answer it. */
    record Request(String path, Kind kind, String wave, String partner) {

        static Request waves() {
            return new Request("/api/v1/waves", Kind.WAVES, null, null);
        }

        static Request of(Kind kind, String wave) {
            return new Request("/api/v1/waves/" + wave + "/" + kind.path, kind, wave, null);
        }

        static Request of(Kind kind, String wave, String partner) {
            return new Request("/api/v1/waves/" + wave + "/" + kind.path + "?partner=" + partner, kind, wave, partner);
        }
    }

    enum Kind {
        WAVES(""), USAGE("usage"), BARRIERS("barriers"), DRIVERS("drivers"), TOOLS("tools");

        final String path;

        Kind(String path) {
            this.path = path;
        }
    }

    /** A respondent's latest response in a wave, as the reference model keeps it. */
    record Respondent(String wave, String partner, LatestResponse latest) {
    }

    private final List<Respondent> respondents;
    private final ToolCatalogue catalogue;

    /** From the reference model's {@code responses-latest}, keyed {@code wave|partner|respondent}. */
    ExpectedAnswers(Map<String, LatestResponse> latest, ToolCatalogue catalogue) {
        this.respondents = new ArrayList<>();
        latest.forEach((key, response) -> {
            String[] parts = key.split("\\|", 3);
            respondents.add(new Respondent(parts[0], parts[1], response));
        });
        this.catalogue = catalogue;
    }

    /** The expected answer to {@code request}: a JSON tree in the projection's shape, or {@code "404"}. */
    JsonNode answer(Request request) {
        if (request.kind() == Kind.WAVES) {
            return waves();
        }
        List<LatestResponse> wave = respondents.stream().filter(r -> r.wave().equals(request.wave()))
                .map(Respondent::latest).toList();
        if (wave.isEmpty()) {
            return TextNode.valueOf("404");
        }
        List<LatestResponse> kept = respondents.stream()
                .filter(r -> r.wave().equals(request.wave()))
                .filter(r -> request.partner() == null || r.partner().equals(request.partner()))
                .map(Respondent::latest).toList();
        ObjectNode answer = JSON.createObjectNode().put("wave", request.wave());
        return switch (request.kind()) {
            case USAGE -> usage(answer, kept);
            case BARRIERS -> barriers(answer, kept);
            case DRIVERS -> drivers(answer, kept);
            case TOOLS -> tools(answer, kept);
            case WAVES -> throw new AssertionError();
        };
    }

    private JsonNode waves() {
        Map<String, List<LatestResponse>> byWave = new TreeMap<>();
        respondents.forEach(r -> byWave.computeIfAbsent(r.wave(), w -> new ArrayList<>()).add(r.latest()));
        ArrayNode waves = JSON.createArrayNode();
        byWave.forEach((wave, latest) -> waves.addObject()
                .put("wave", wave)
                .put("respondents", (long) latest.size())
                .put("firstSubmittedAt", latest.stream().map(LatestResponse::submittedAt).min(Comparator.naturalOrder())
                        .orElseThrow().toString())
                .put("lastSubmittedAt", latest.stream().map(LatestResponse::submittedAt).max(Comparator.naturalOrder())
                        .orElseThrow().toString()));
        ObjectNode answer = JSON.createObjectNode();
        answer.set("waves", waves);
        return answer;
    }

    private static JsonNode usage(ObjectNode answer, List<LatestResponse> kept) {
        if (suppressed(answer, kept.size())) {
            return answer;
        }
        ObjectNode frequencies = answer.putObject("frequencies");
        for (UsageFrequency frequency : UsageFrequency.values()) {
            frequencies.put(frequency.name(), count(kept, r -> r.usageFrequency() == frequency));
        }
        answer.put("users", count(kept, r -> r.usageFrequency() != UsageFrequency.NEVER));
        answer.put("regularUsers", count(kept, r -> r.usageFrequency().ordinal()
                >= UsageFrequency.SEVERAL_TIMES_A_WEEK.ordinal()));
        ObjectNode useCases = answer.putObject("useCases");
        ObjectNode expected = answer.putObject("expectedFutureUseCases");
        for (UseCase useCase : UseCase.values()) {
            useCases.put(useCase.name(), count(kept, r -> r.useCases().contains(useCase)));
            expected.put(useCase.name(), count(kept, r -> r.expectedFutureUseCases().contains(useCase)));
        }
        return answer;
    }

    private static JsonNode barriers(ObjectNode answer, List<LatestResponse> kept) {
        if (suppressed(answer, kept.size())) {
            return answer;
        }
        Map<String, Long> counts = new TreeMap<>();
        for (Barrier barrier : Barrier.values()) {
            counts.put(barrier.name(), count(kept, r -> r.barriers().contains(barrier)));
        }
        answer.set("barriers", mostNamedFirst(counts, "barrier"));
        return answer;
    }

    /** Among those asked: a response not asked (v1, or a file without the column) is a respondent, not asked. */
    private static JsonNode drivers(ObjectNode answer, List<LatestResponse> kept) {
        List<LatestResponse> asked = kept.stream().filter(r -> r.marketDrivers() != null).toList();
        answer.put("respondents", (long) kept.size()).put("asked", (long) asked.size());
        boolean suppressed = asked.size() < K;
        answer.put("suppressed", suppressed);
        if (suppressed) {
            return answer;
        }
        Map<String, Long> counts = new TreeMap<>();
        for (MarketDriver driver : MarketDriver.values()) {
            counts.put(driver.name(), count(asked, r -> r.marketDrivers().contains(driver)));
        }
        answer.set("drivers", mostNamedFirst(counts, "driver"));
        return answer;
    }

    private JsonNode tools(ObjectNode answer, List<LatestResponse> kept) {
        if (suppressed(answer, kept.size())) {
            return answer;
        }
        Map<String, long[]> users = new TreeMap<>();
        for (LatestResponse response : kept) {
            for (ToolUse tool : response.tools()) {
                long[] counts = users.computeIfAbsent(tool.tool(), t -> new long[2]);
                counts[0]++;
                counts[1] += tool.regular() ? 1 : 0;
            }
        }
        ArrayNode tools = answer.putArray("tools");
        users.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> tools.addObject()
                        .put("tool", e.getKey())
                        .put("name", catalogue.byId(e.getKey()).orElseThrow().name())
                        .put("known", true)
                        .put("users", e.getValue()[0])
                        .put("regularUsers", e.getValue()[1]));
        return answer;
    }

    private static boolean suppressed(ObjectNode answer, int respondents) {
        boolean suppressed = respondents < K;
        answer.put("respondents", (long) respondents).put("suppressed", suppressed);
        return suppressed;
    }

    private static ArrayNode mostNamedFirst(Map<String, Long> counts, String name) {
        ArrayNode list = JSON.createArrayNode();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .forEach(e -> list.addObject().put(name, e.getKey()).put("count", e.getValue()));
        return list;
    }

    private static long count(List<LatestResponse> responses, Predicate<LatestResponse> predicate) {
        return responses.stream().filter(predicate).count();
    }

    /**
     * An actual answer in the projection's shape: {@code "404"} for a 404, the body's projection for
     * a 200, and for anything else a text that equals no expected answer.
     */
    static JsonNode actual(int status, String body) {
        if (status == 404) {
            return TextNode.valueOf("404");
        }
        if (status != 200) {
            return TextNode.valueOf("HTTP " + status + ": " + body);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long denominator = root.has("asked") ? root.get("asked").asLong() : root.path("respondents").asLong();
        ObjectNode projected = JSON.createObjectNode();
        root.properties().forEach(field -> {
            if (!field.getKey().equals("disclosure") && !field.getKey().equals("filter") && !field.getValue().isNull()) {
                projected.set(field.getKey(), project(field.getValue(), denominator));
            }
        });
        return projected;
    }

    private static JsonNode project(JsonNode value, long denominator) {
        boolean statistic = value.isObject() && value.has("count") && value.has("share") && value.has("ci95");
        if (statistic) {
            checkStatistic(value, value.get("count").asLong(), denominator);
            if (value.size() == 3) {
                return LongNode.valueOf(value.get("count").asLong());
            }
        }
        if (value.isObject()) {
            ObjectNode object = JSON.createObjectNode();
            value.properties().forEach(field -> {
                boolean checked = statistic && (field.getKey().equals("share") || field.getKey().equals("ci95"));
                if (!field.getValue().isNull() && !checked) {
                    object.set(field.getKey(), project(field.getValue(), denominator));
                }
            });
            return object;
        }
        if (value.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            value.forEach(item -> array.add(project(item, denominator)));
            return array;
        }
        return value.isIntegralNumber() ? LongNode.valueOf(value.asLong()) : value;
    }

    /** The share and the Wilson interval as the README defines them, computed here from the count. */
    private static void checkStatistic(JsonNode statistic, long count, long n) {
        BigDecimal share = statistic.get("share").decimalValue();
        BigDecimal expected = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP);
        if (share.compareTo(expected) != 0) {
            throw new AssertionError("share " + share + " of " + count + "/" + n + ", expected " + expected);
        }
        double p = (double) count / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        double[] bounds = {centre - half, centre + half};
        for (int i = 0; i < 2; i++) {
            double published = statistic.get("ci95").get(i).decimalValue().doubleValue();
            if (Math.abs(published - bounds[i]) > 0.00005 + 1e-9) {
                throw new AssertionError("ci95 " + statistic.get("ci95") + " of " + count + "/" + n + ", expected about "
                        + bounds[0] + ".." + bounds[1]);
            }
        }
    }
}

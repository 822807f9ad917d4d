package org.medpulse.chaos.check;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.chaos.panel.PanelModel;
import org.medpulse.chaos.panel.Tally;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every total the API publishes, compared with the independent model of the panel: the waves;
 * each wave's usage, barriers, market drivers and tools, as a whole and for every cell (partner × practice type ×
 * setting, the finest filter there is); rolling usage over each wave's days; each tool's trend.
 *
 * <p>Respondents per cell say what was lost (fewer than the model) or counted twice (more). Any
 * other total that differs where the respondents agree is a wrong total. A group whose respondents
 * differ is not searched for wrong totals as well: they follow from the loss.
 */
public final class TotalsCheck {

    /** The API's small-cell threshold (analysts' view, the default {@code --min-cell-size}). */
    static final int MIN_CELL_SIZE = 5;

    private final ApiClient api;
    private final PanelModel.Expected expected;

    public TotalsCheck(ApiClient api, PanelModel.Expected expected) {
        this.api = api;
        this.expected = expected;
    }

    /** What one comparison found. */
    public record Result(long compared, long lost, long doubleCounted, List<String> wrongTotals,
            List<String> respondentDifferences, List<String> unanswered, List<String> errors) {

        /** Every question got an answer (none refused, timed out or 503). */
        public boolean complete() {
            return unanswered.isEmpty();
        }

        public boolean exact() {
            return complete() && errors.isEmpty() && lost == 0 && doubleCounted == 0 && wrongTotals.isEmpty();
        }
    }

    public Result run() {
        Run run = new Run();
        run.waves();
        for (String wave : expected.waves().keySet()) {
            run.group(wave, "", expected.wave(wave), true);
            for (String partner : partners()) {
                for (PracticeType type : PracticeType.values()) {
                    for (PracticeSetting setting : PracticeSetting.values()) {
                        Tally cell = expected.cell(new PanelModel.Cell(wave, partner, type, setting));
                        String filter = "partner=" + encode(partner) + "&practiceType=" + type.name() + "&setting="
                                + setting.name();
                        run.group(wave, filter, cell, false);
                    }
                }
            }
            LocalDate first = LocalDate.parse(wave + "-01");
            LocalDate last = first.plusMonths(1).minusDays(1);
            run.rolling(first, last);
            run.rolling(first, first.plusDays(6));
        }
        Set<String> tools = new TreeSet<>();
        expected.waves().keySet().forEach(wave -> tools.addAll(expected.wave(wave).tools().keySet()));
        tools.forEach(run::trend);
        return new Result(run.compared, run.lost, run.doubleCounted, run.wrong, run.respondentDifferences,
                run.unanswered, run.errors);
    }

    private Set<String> partners() {
        Set<String> partners = new TreeSet<>(expected.partners());
        for (int i = 1; i <= org.medpulse.chaos.panel.ChaosPanel.PARTNERS; i++) {
            partners.add("partner-" + i);
        }
        return partners;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private final class Run {
        long compared;
        long lost;
        long doubleCounted;
        final List<String> wrong = new ArrayList<>();
        final List<String> respondentDifferences = new ArrayList<>();
        final List<String> unanswered = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        private JsonNode get(String path) {
            ApiClient.Answer answer = api.get(path);
            switch (answer.outcome()) {
                case OK -> {
                    return answer.body();
                }
                case NO_ANSWER -> unanswered.add(path + ": " + answer.detail());
                case NOT_FOUND -> errors.add(path + ": 404 " + answer.detail());
                case ERROR -> errors.add(path + ": " + answer.detail());
            }
            return null;
        }

        private void compare(String where, String what, long api, long model) {
            compared++;
            if (api != model) {
                wrong.add(where + " " + what + ": API " + api + ", model " + model);
            }
        }

        /** Respondents, the measure of loss and double counting; true when they agree. */
        private boolean respondents(String where, long api, long model, boolean counts) {
            compared++;
            if (api == model) {
                return true;
            }
            if (counts) {
                lost += Math.max(0, model - api);
                doubleCounted += Math.max(0, api - model);
            }
            respondentDifferences.add(where + " respondents: API " + api + ", model " + model);
            return false;
        }

        void waves() {
            JsonNode body = get("/api/v1/waves");
            if (body == null) {
                return;
            }
            Map<String, JsonNode> answered = new LinkedHashMap<>();
            body.path("waves").forEach(w -> answered.put(w.path("wave").asText(), w));
            for (Map.Entry<String, PanelModel.WaveSummary> wave : expected.waves().entrySet()) {
                JsonNode w = answered.remove(wave.getKey());
                String where = "/api/v1/waves " + wave.getKey();
                if (w == null) {
                    respondents(where, 0, wave.getValue().respondents(), false);
                    continue;
                }
                if (respondents(where, w.path("respondents").asLong(), wave.getValue().respondents(), false)) {
                    compareInstant(where, "firstSubmittedAt", w.path("firstSubmittedAt").asText(),
                            wave.getValue().firstSubmittedAt());
                    compareInstant(where, "lastSubmittedAt", w.path("lastSubmittedAt").asText(),
                            wave.getValue().lastSubmittedAt());
                }
            }
            answered.forEach((wave, w) -> respondents("/api/v1/waves " + wave, w.path("respondents").asLong(), 0, false));
        }

        private void compareInstant(String where, String what, String api, Instant model) {
            compared++;
            if (!model.toString().equals(api) && !parsesTo(api, model)) {
                wrong.add(where + " " + what + ": API " + api + ", model " + model);
            }
        }

        private boolean parsesTo(String text, Instant instant) {
            try {
                return Instant.parse(text).equals(instant);
            } catch (RuntimeException e) {
                return false;
            }
        }

        /**
         * A wave, as a whole ({@code filter} empty) or one cell: usage, barriers, tools. Only cells
         * count toward loss and double counting (each respondent is in exactly one).
         */
        void group(String wave, String filter, Tally model, boolean whole) {
            String query = filter.isEmpty() ? "" : "?" + filter;
            String usagePath = "/api/v1/waves/" + wave + "/usage" + query;
            JsonNode usage = get(usagePath);
            boolean small = model.respondents() < MIN_CELL_SIZE;
            if (usage != null && respondents(usagePath, usage.path("respondents").asLong(), model.respondents(), !whole)
                    && !small) {
                usage(usagePath, usage, model);
            }
            String barriersPath = "/api/v1/waves/" + wave + "/barriers" + query;
            JsonNode barriers = get(barriersPath);
            if (barriers != null && respondents(barriersPath, barriers.path("respondents").asLong(), model.respondents(),
                    false) && !small) {
                Map<String, Long> counts = new HashMap<>();
                barriers.path("barriers").forEach(b -> counts.put(b.path("barrier").asText(), b.path("count").asLong()));
                for (Barrier barrier : Barrier.values()) {
                    compare(barriersPath, barrier.name(), counts.getOrDefault(barrier.name(), -1L), model.barrier(barrier));
                }
            }
            String driversPath = "/api/v1/waves/" + wave + "/drivers" + query;
            JsonNode drivers = get(driversPath);
            if (drivers != null && respondents(driversPath, drivers.path("respondents").asLong(), model.respondents(),
                    false)) {
                compare(driversPath, "asked", drivers.path("asked").asLong(-1), model.asked());
                if (model.asked() >= MIN_CELL_SIZE) {
                    Map<String, Long> counts = new HashMap<>();
                    drivers.path("drivers").forEach(d -> counts.put(d.path("driver").asText(), d.path("count").asLong()));
                    for (MarketDriver driver : MarketDriver.values()) {
                        compare(driversPath, driver.name(), counts.getOrDefault(driver.name(), -1L), model.driver(driver));
                    }
                }
            }
            String toolsPath = "/api/v1/waves/" + wave + "/tools" + (filter.isEmpty() ? "?top=100" : query + "&top=100");
            JsonNode tools = get(toolsPath);
            if (tools != null && respondents(toolsPath, tools.path("respondents").asLong(), model.respondents(), false)
                    && !small) {
                tools(toolsPath, tools, model);
            }
        }

        private void usage(String where, JsonNode body, Tally model) {
            for (UsageFrequency frequency : UsageFrequency.values()) {
                compare(where, "frequencies." + frequency, body.path("frequencies").path(frequency.name()).path("count")
                        .asLong(-1), model.frequency(frequency));
            }
            compare(where, "users", body.path("users").path("count").asLong(-1), model.users());
            compare(where, "regularUsers", body.path("regularUsers").path("count").asLong(-1), model.regularUsers());
            for (UseCase useCase : UseCase.values()) {
                compare(where, "useCases." + useCase, body.path("useCases").path(useCase.name()).path("count").asLong(-1),
                        model.useCase(useCase));
                compare(where, "expectedFutureUseCases." + useCase, body.path("expectedFutureUseCases")
                        .path(useCase.name()).path("count").asLong(-1), model.expectedFutureUseCase(useCase));
            }
        }

        private void tools(String where, JsonNode body, Tally model) {
            Map<String, JsonNode> answered = new LinkedHashMap<>();
            body.path("tools").forEach(t -> answered.put(t.path("tool").asText(), t));
            for (Map.Entry<String, long[]> tool : model.tools().entrySet()) {
                JsonNode t = answered.remove(tool.getKey());
                compare(where, "tool " + tool.getKey() + " users", t == null ? 0 : t.path("users").path("count").asLong(),
                        tool.getValue()[0]);
                compare(where, "tool " + tool.getKey() + " regularUsers",
                        t == null ? 0 : t.path("regularUsers").path("count").asLong(), tool.getValue()[1]);
            }
            answered.forEach((tool, t) -> compare(where, "tool " + tool + " users", t.path("users").path("count").asLong(), 0));
        }

        void rolling(LocalDate from, LocalDate until) {
            long days = until.toEpochDay() - from.toEpochDay() + 1;
            String path = "/api/v1/usage/rolling?days=" + days + "&until=" + until;
            JsonNode body = get(path);
            Tally model = expected.days(from, until);
            if (body != null && respondents(path, body.path("respondents").asLong(), model.respondents(), false)
                    && model.respondents() >= MIN_CELL_SIZE) {
                usage(path, body, model);
            }
        }

        void trend(String tool) {
            String path = "/api/v1/tools/" + encode(tool) + "/trend";
            JsonNode body = get(path);
            if (body == null) {
                return;
            }
            Map<String, JsonNode> points = new HashMap<>();
            body.path("points").forEach(p -> points.put(p.path("wave").asText(), p));
            for (String wave : expected.waves().keySet()) {
                Tally model = expected.wave(wave);
                JsonNode point = points.get(wave);
                if (point == null) {
                    wrong.add(path + ": no point for wave " + wave);
                    continue;
                }
                if (respondents(path + " " + wave, point.path("respondents").asLong(), model.respondents(), false)) {
                    compare(path + " " + wave, "users", point.path("users").path("count").asLong(-1), model.toolUsers(tool));
                    compare(path + " " + wave, "regularUsers", point.path("regularUsers").path("count").asLong(-1),
                            model.toolRegularUsers(tool));
                }
            }
        }
    }
}

package org.medpulse.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.query.disclosure.CellKeyPerturbation;

/**
 * The concrete requests the benchmark sends, built once: for each endpoint, unfiltered requests
 * and requests filtered by one partner, practice type or setting of the loaded panel. Half of the
 * requests are unfiltered. An unfiltered request about one wave carries a check of its answer's
 * respondents ({@code "respondents":N,} with N what was loaded; with a live trickle, at least N),
 * so that a fast but wrong answer counts as an error.
 */
final class ApiRequestPlan {

    /** A request and, if its answer is known, what its body must say. */
    record Planned(ApiEndpoint endpoint, URI uri, Optional<Predicate<String>> expected) {

        boolean accepts(String body) {
            return expected.map(check -> check.test(body)).orElse(true);
        }
    }

    // The first "respondents" of an answer: the wave's, in a wave answer and in /waves' first entry.
    private static final Pattern RESPONDENTS = Pattern.compile("\"respondents\":(\\d+),");

    static final List<String> TREND_TOOLS = List.of("chatgpt", "nabla", "gemini", "claude", "posos");
    private static final int ROLLING_DAYS = 30;

    private final ApiRequestMix mix;
    private final Map<ApiEndpoint, List<Planned>> unfiltered = new EnumMap<>(ApiEndpoint.class);
    private final Map<ApiEndpoint, List<Planned>> filtered = new EnumMap<>(ApiEndpoint.class);

    /**
     * @param respondents each wave's respondents as the clients' answers must show them (exact, or as published)
     * @param growing     whether a live trickle adds respondents meanwhile: then answers show at least as
     *                    many, or (when {@code respondents} are published, perturbed figures) are not checked
     */
    ApiRequestPlan(URI base, LoadedPanel panel, ApiRequestMix mix, Map<String, Long> respondents, Growth growing) {
        this.mix = mix;
        List<String> filters = filters(panel);
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            unfiltered.put(endpoint, new ArrayList<>());
            filtered.put(endpoint, new ArrayList<>());
        }
        for (String wave : panel.waves()) {
            Optional<Predicate<String>> expected = check(respondents.get(wave), growing);
            for (ApiEndpoint endpoint : List.of(ApiEndpoint.USAGE, ApiEndpoint.BARRIERS, ApiEndpoint.TOOLS)) {
                String path = "/api/v1/waves/" + wave + "/" + endpoint.label();
                unfiltered.get(endpoint).add(new Planned(endpoint, base.resolve(path), expected));
                filters.forEach(f -> filtered.get(endpoint).add(new Planned(endpoint, base.resolve(path + "?" + f), Optional.empty())));
            }
        }
        // A window every audience may ask for: one that ends where the public's 30-day blocks end.
        String rolling = "/api/v1/usage/rolling?days=" + ROLLING_DAYS + "&until="
                + CellKeyPerturbation.WINDOWS.latestEnd(ROLLING_DAYS, panel.lastDay());
        unfiltered.get(ApiEndpoint.ROLLING).add(new Planned(ApiEndpoint.ROLLING, base.resolve(rolling), Optional.empty()));
        filters.forEach(f -> filtered.get(ApiEndpoint.ROLLING).add(
                new Planned(ApiEndpoint.ROLLING, base.resolve(rolling + "&" + f), Optional.empty())));
        for (String tool : TREND_TOOLS) {
            String path = "/api/v1/tools/" + tool + "/trend";
            unfiltered.get(ApiEndpoint.TREND).add(new Planned(ApiEndpoint.TREND, base.resolve(path), Optional.empty()));
            filters.forEach(f -> filtered.get(ApiEndpoint.TREND).add(
                    new Planned(ApiEndpoint.TREND, base.resolve(path + "?" + f), Optional.empty())));
        }
        // The wave list holds every wave in order; checking the first one's entry is cheap and telling.
        String firstWave = panel.waves().get(0);
        Optional<Predicate<String>> first = check(respondents.get(firstWave), growing)
                .map(respondentsCheck -> body -> body.contains("{\"wave\":\"" + firstWave + "\",") && respondentsCheck.test(body));
        unfiltered.get(ApiEndpoint.WAVES).add(new Planned(ApiEndpoint.WAVES, base.resolve("/api/v1/waves"), first));
    }

    /** Whether the panel grows during the run, and whether answers are exact enough to check a lower bound. */
    enum Growth {
        /** Nothing is added: respondents are exactly as given. */
        NONE,
        /** Respondents are added: answers show at least as many. */
        EXACT_ANSWERS,
        /** Respondents are added and answers are perturbed: no bound holds, nothing is checked during the run. */
        PERTURBED_ANSWERS
    }

    private static Optional<Predicate<String>> check(long respondents, Growth growing) {
        return switch (growing) {
            case NONE -> {
                String fragment = "\"respondents\":" + respondents + ",";
                yield Optional.of(body -> body.contains(fragment));
            }
            case EXACT_ANSWERS -> Optional.of(body -> {
                Matcher shown = RESPONDENTS.matcher(body);
                return shown.find() && Long.parseLong(shown.group(1)) >= respondents;
            });
            case PERTURBED_ANSWERS -> Optional.empty();
        };
    }

    /** The next request: an endpoint drawn from the mix, then one of its requests, unfiltered half the time. */
    Planned next(SplittableRandom random) {
        ApiEndpoint endpoint = mix.draw(random);
        List<Planned> choices = filtered.get(endpoint).isEmpty() || random.nextBoolean()
                ? unfiltered.get(endpoint) : filtered.get(endpoint);
        return choices.get(random.nextInt(choices.size()));
    }

    private static List<String> filters(LoadedPanel panel) {
        List<String> filters = new ArrayList<>();
        panel.partners().forEach(p -> filters.add("partner=" + URLEncoder.encode(p, StandardCharsets.UTF_8)));
        for (PracticeType type : PracticeType.values()) {
            filters.add("practiceType=" + type.name());
        }
        for (PracticeSetting setting : PracticeSetting.values()) {
            filters.add("setting=" + setting.name());
        }
        return filters;
    }
}

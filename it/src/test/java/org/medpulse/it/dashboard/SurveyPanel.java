package org.medpulse.it.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/**
 * A small survey panel and the answers the query API (issue 5) would give about it, in exactly
 * the documented JSON shapes, as published to the one who asks ({@link View}: an analyst, or the
 * public under either method of issue 13). The dashboard test serves these answers; it does not
 * test them.
 */
final class SurveyPanel {

    static final int MIN_CELL_SIZE = 5;
    static final String OTHER_TOOLS = "_other";
    private static final double Z = 1.96;
    private static final Set<String> REGULAR = Set.of("SEVERAL_TIMES_A_WEEK", "DAILY", "SEVERAL_TIMES_A_DAY");
    private static final Map<String, String> TOOL_NAMES = Map.of("chatgpt", "ChatGPT", "nabla", "Nabla", "posos", "Posos");

    /**
     * One respondent's latest answer in one wave; a tool maps to its frequency, "" when none was
     * given; market drivers are null when not asked (a v1 response), empty when asked and none named.
     */
    record Respondent(String wave, String partner, String practiceType, String setting, String frequency,
                      Set<String> useCases, Set<String> expectedUseCases, Set<String> barriers,
                      Map<String, String> tools, LocalDate submittedOn, Set<String> marketDrivers) {
    }

    /** The optional filters of every wave and rolling endpoint. */
    record Filter(String partner, String practiceType, String setting) {

        boolean matches(Respondent r) {
            return (partner == null || partner.equalsIgnoreCase(r.partner()))
                    && (practiceType == null || practiceType.equals(r.practiceType()))
                    && (setting == null || setting.equals(r.setting()));
        }

        Map<String, Object> echo() {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("partner", partner);
            echo.put("practiceType", practiceType);
            echo.put("setting", setting);
            return echo;
        }
    }

    /**
     * How an answer publishes its counts, named by its {@code disclosure} block: exact counts with
     * groups under k suppressed, or the cell key method. The stand-in's perturbation is not the real
     * one (a table looked up by the respondents' secret keys); it has only the traits a page can see:
     * no count from 1 to js-1 is published (it becomes 0), and every other count moves a little (here,
     * always one up). Under it, rolling windows are limited to a few lengths, as the API limits them.
     */
    record Method(Map<String, Object> block, int k, int js) {

        static final List<Integer> CELL_KEY_WINDOWS = List.of(1, 7, 30, 90);

        static Method suppress(int k) {
            return new Method(ordered("method", "suppress", "k", k), k, 0);
        }

        static Method cellKey(int d, double v, int js) {
            return new Method(ordered("method", "cell-key", "D", d, "V", v, "js", js), MIN_CELL_SIZE, js);
        }

        boolean perturbs() {
            return "cell-key".equals(block.get("method"));
        }

        long publish(long count) {
            return !perturbs() || count == 0 ? count : count < js ? 0 : count + 1;
        }

        boolean suppresses(long respondents) {
            return perturbs() ? publish(respondents) == 0 : respondents < k;
        }

        /** A count among respondents as published; shares from the published count, clamped to its total. */
        Map<String, Object> statistic(long count, long respondents) {
            long shown = publish(count);
            long total = publish(respondents);
            Map<String, Object> statistic = SurveyPanel.statistic(Math.min(shown, total), total);
            statistic.put("count", shown);
            return statistic;
        }

        boolean allowsWindow(int days) {
            return !perturbs() || CELL_KEY_WINDOWS.contains(days);
        }
    }

    /** Who an answer is for: its method, and submission times exact (analysts) or to the UTC day (the public). */
    record View(Method method, boolean exactTimes) {

        static final View ANALYST = new View(Method.suppress(MIN_CELL_SIZE), true);

        static View forPublic(Method method) {
            return new View(method, false);
        }
    }

    private final List<Respondent> respondents = new CopyOnWriteArrayList<>();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    /**
     * Two waves whose figures the tests know by heart. 2025-06 (50 respondents): 40% regular users,
     * 30% never; 30 general practitioners (40% regular), 17 specialists, 3 others; 26 answered in the
     * last 30 days; 47 asked about market drivers (all but the 3 others), lack of medical time first
     * (26 of 47). 2024-06 (20 respondents): 25% regular users; not asked about market drivers.
     */
    static SurveyPanel standard() {
        SurveyPanel panel = new SurveyPanel();
        panel.add(12, "2025-06", "panel-a", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "NEVER", Set.of(),
                Set.of("ADMINISTRATIVE_DOCUMENTATION"), Set.of("ETHICS_AND_LIABILITY", "DEHUMANIZATION_OF_CARE"), Map.of(), 60,
                Set.of());
        panel.add(6, "2025-06", "panel-a", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "MONTHLY", Set.of("ADMINISTRATIVE_DOCUMENTATION"),
                Set.of("ADMINISTRATIVE_DOCUMENTATION", "REFERRAL_LETTERS"), Set.of("ETHICS_AND_LIABILITY", "RELIABILITY_OF_RESULTS"),
                Map.of("chatgpt", "MONTHLY"), 60,
                Set.of("LACK_OF_MEDICAL_TIME", "REPETITIVE_TASKS"));
        panel.add(10, "2025-06", "panel-b", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "DAILY",
                Set.of("ADMINISTRATIVE_DOCUMENTATION", "KNOWLEDGE_SEARCH"), Set.of("ADMINISTRATIVE_DOCUMENTATION"),
                Set.of("RELIABILITY_OF_RESULTS"), Map.of("chatgpt", "DAILY", "nabla", "WEEKLY"), 10,
                Set.of("LACK_OF_MEDICAL_TIME", "REPETITIVE_TASKS", "KNOWLEDGE_VOLUME"));
        panel.add(2, "2025-06", "panel-b", "GENERAL_PRACTITIONER", "HOSPITAL", "DAILY", Set.of("ADMINISTRATIVE_DOCUMENTATION"),
                Set.of(), Set.of("COST"), Map.of("chatgpt", "DAILY"), 10,
                Set.of("LACK_OF_MEDICAL_TIME"));
        panel.add(3, "2025-06", "panel-a", "SPECIALIST", "HOSPITAL", "NEVER", Set.of(), Set.of(),
                Set.of("ETHICS_AND_LIABILITY"), Map.of(), 60,
                Set.of("NO_RIGHT_TO_ERROR"));
        panel.add(6, "2025-06", "panel-b", "SPECIALIST", "HOSPITAL", "WEEKLY", Set.of("KNOWLEDGE_SEARCH"),
                Set.of("CLINICAL_DECISION_SUPPORT"), Set.of("DEHUMANIZATION_OF_CARE", "DATA_PRIVACY"), Map.of("chatgpt", "WEEKLY"), 10,
                Set.of("KNOWLEDGE_VOLUME", "PERSONALISED_MEDICINE"));
        panel.add(8, "2025-06", "panel-b", "SPECIALIST", "HOSPITAL", "SEVERAL_TIMES_A_DAY",
                Set.of("ADMINISTRATIVE_DOCUMENTATION", "MEDICAL_IMAGING"), Set.of("MEDICAL_IMAGING"),
                Set.of("RELIABILITY_OF_RESULTS", "ETHICS_AND_LIABILITY"), Map.of("chatgpt", "DAILY", "posos", "SEVERAL_TIMES_A_DAY"), 10,
                Set.of("PERSONALISED_MEDICINE", "KNOWLEDGE_VOLUME", "LACK_OF_MEDICAL_TIME"));
        panel.add(3, "2025-06", "panel-a", "OTHER", "OTHER", "LESS_THAN_MONTHLY", Set.of("ADMINISTRATIVE_DOCUMENTATION"), Set.of(),
                Set.of("COST"), Map.of("chatgpt", ""), 60);

        panel.add(8, "2024-06", "panel-a", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "NEVER", Set.of(), Set.of(),
                Set.of("ETHICS_AND_LIABILITY"), Map.of(), 400);
        panel.add(4, "2024-06", "panel-a", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "WEEKLY", Set.of("ADMINISTRATIVE_DOCUMENTATION"),
                Set.of(), Set.of("RELIABILITY_OF_RESULTS"), Map.of("chatgpt", "WEEKLY"), 400);
        panel.add(3, "2024-06", "panel-b", "SPECIALIST", "HOSPITAL", "NEVER", Set.of(), Set.of(),
                Set.of("DEHUMANIZATION_OF_CARE"), Map.of(), 400);
        panel.add(5, "2024-06", "panel-b", "SPECIALIST", "HOSPITAL", "DAILY", Set.of("MEDICAL_IMAGING"), Set.of(),
                Set.of("ETHICS_AND_LIABILITY"), Map.of("chatgpt", "DAILY"), 400);
        return panel;
    }

    /** Adds {@code count} identical respondents who answered {@code daysAgo} days before today (UTC), not asked about drivers. */
    void add(int count, String wave, String partner, String practiceType, String setting, String frequency,
             Set<String> useCases, Set<String> expectedUseCases, Set<String> barriers, Map<String, String> tools, int daysAgo) {
        add(count, wave, partner, practiceType, setting, frequency, useCases, expectedUseCases, barriers, tools, daysAgo, null);
    }

    /** The same, with the market drivers they named: {@code null} when not asked, empty when none. */
    void add(int count, String wave, String partner, String practiceType, String setting, String frequency,
             Set<String> useCases, Set<String> expectedUseCases, Set<String> barriers, Map<String, String> tools, int daysAgo,
             Set<String> marketDrivers) {
        for (int i = 0; i < count; i++) {
            respondents.add(new Respondent(wave, partner, practiceType, setting, frequency, useCases, expectedUseCases,
                    barriers, tools, today.minusDays(daysAgo), marketDrivers));
        }
    }

    boolean hasWave(String wave) {
        return respondents.stream().anyMatch(r -> r.wave().equals(wave));
    }

    /** A catalogue tool, or a free-text one that k respondents of some wave named: else 404, as if nobody had. */
    boolean hasTool(String tool) {
        return TOOL_NAMES.containsKey(tool) || waveNames().stream().anyMatch(wave -> nameable(wave, tool));
    }

    /** Whether {@code tool} may be named in answers about {@code wave}: a catalogue tool, or one k respondents named. */
    private boolean nameable(String wave, String tool) {
        return TOOL_NAMES.containsKey(tool)
                || count(select(r -> r.wave().equals(wave)), r -> r.tools().containsKey(tool)) >= MIN_CELL_SIZE;
    }

    private Set<String> waveNames() {
        return respondents.stream().map(Respondent::wave).collect(Collectors.toCollection(TreeSet::new));
    }

    private List<Respondent> select(Predicate<Respondent> predicate) {
        return respondents.stream().filter(predicate).toList();
    }

    // ---------------------------------------------------------------- the API's answers

    Map<String, Object> waves(View view) {
        List<Object> waves = new ArrayList<>();
        for (String wave : waveNames()) {
            List<Respondent> in = select(r -> r.wave().equals(wave));
            LocalDate first = in.stream().map(Respondent::submittedOn).min(Comparator.naturalOrder()).orElseThrow();
            LocalDate last = in.stream().map(Respondent::submittedOn).max(Comparator.naturalOrder()).orElseThrow();
            waves.add(ordered("wave", wave, "respondents", view.method().publish(in.size()),
                    "firstSubmittedAt", view.exactTimes() ? first + "T08:10:00Z" : first.toString(),
                    "lastSubmittedAt", view.exactTimes() ? last + "T17:45:00Z" : last.toString()));
        }
        return ordered("waves", waves, "disclosure", view.method().block());
    }

    Map<String, Object> usage(String wave, Filter filter, View view) {
        Map<String, Object> body = ordered("wave", wave, "filter", filter.echo());
        body.putAll(usageFields(select(r -> r.wave().equals(wave) && filter.matches(r)), view.method()));
        return body;
    }

    Map<String, Object> rolling(int days, LocalDate until, Filter filter, View view) {
        LocalDate from = until.minusDays(days - 1L);
        Map<String, Object> body = ordered("from", from.toString(), "until", until.toString(), "filter", filter.echo());
        body.putAll(usageFields(select(r -> filter.matches(r)
                && !r.submittedOn().isBefore(from) && !r.submittedOn().isAfter(until)), view.method()));
        return body;
    }

    Map<String, Object> barriers(String wave, Filter filter, View view) {
        Method method = view.method();
        List<Respondent> in = select(r -> r.wave().equals(wave) && filter.matches(r));
        boolean suppressed = method.suppresses(in.size());
        Map<String, Object> body = ordered("wave", wave, "filter", filter.echo(), "respondents", method.publish(in.size()),
                "suppressed", suppressed);
        if (!suppressed) {
            body.put("barriers", ranked("barrier", Arrays.stream(Barrier.values()).map(Barrier::name).toList(),
                    Respondent::barriers, in, method));
        }
        body.put("disclosure", method.block());
        return body;
    }

    /** Every market driver among the respondents asked (those whose drivers are not null), suppressed when too few were. */
    Map<String, Object> drivers(String wave, Filter filter, View view) {
        Method method = view.method();
        List<Respondent> in = select(r -> r.wave().equals(wave) && filter.matches(r));
        List<Respondent> asked = in.stream().filter(r -> r.marketDrivers() != null).toList();
        boolean suppressed = method.suppresses(asked.size());
        Map<String, Object> body = ordered("wave", wave, "filter", filter.echo(), "respondents", method.publish(in.size()),
                "asked", method.publish(asked.size()), "suppressed", suppressed);
        if (!suppressed) {
            body.put("drivers", ranked("driver", Arrays.stream(MarketDriver.values()).map(MarketDriver::name).toList(),
                    Respondent::marketDrivers, asked, method));
        }
        body.put("disclosure", method.block());
        return body;
    }

    /** Every symbol's statistic among {@code among}, most named (as published) first, then by symbol. */
    private static List<Map<String, Object>> ranked(String key, List<String> symbols, Function<Respondent, Set<String>> named,
                                                    List<Respondent> among, Method method) {
        List<Map<String, Object>> ranked = new ArrayList<>();
        for (String symbol : symbols) {
            Map<String, Object> entry = ordered(key, symbol);
            entry.putAll(method.statistic(count(among, r -> named.apply(r).contains(symbol)), among.size()));
            ranked.add(entry);
        }
        ranked.sort(Comparator.<Map<String, Object>, Long>comparing(e -> (Long) e.get("count")).reversed()
                .thenComparing(e -> (String) e.get(key)));
        return ranked;
    }

    /**
     * Tools with users (as published), most used first then by id; then {@value #OTHER_TOOLS}, the
     * free-text tools fewer than k respondents of the whole wave named, whose users add up.
     */
    Map<String, Object> tools(String wave, Filter filter, int top, View view) {
        Method method = view.method();
        List<Respondent> in = select(r -> r.wave().equals(wave) && filter.matches(r));
        boolean suppressed = method.suppresses(in.size());
        Map<String, Object> body = ordered("wave", wave, "filter", filter.echo(), "respondents", method.publish(in.size()),
                "suppressed", suppressed);
        if (!suppressed) {
            Set<String> used = in.stream().flatMap(r -> r.tools().keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
            List<Map<String, Object>> tools = new ArrayList<>();
            long otherUsers = 0;
            long otherRegular = 0;
            for (String tool : used) {
                long users = count(in, r -> r.tools().containsKey(tool));
                long regular = count(in, r -> REGULAR.contains(r.tools().getOrDefault(tool, "")));
                if (!nameable(wave, tool)) {
                    otherUsers += users;
                    otherRegular += regular;
                } else if (method.publish(users) > 0) {
                    tools.add(ordered("tool", tool, "name", TOOL_NAMES.getOrDefault(tool, tool), "known", TOOL_NAMES.containsKey(tool),
                            "users", method.statistic(users, in.size()), "regularUsers", method.statistic(regular, in.size())));
                }
            }
            tools.sort(Comparator.<Map<String, Object>, Long>comparing(t -> count(t, "users")).reversed()
                    .thenComparing(t -> (String) t.get("tool")));
            if (method.publish(otherUsers) > 0) {
                tools.add(ordered("tool", OTHER_TOOLS, "name", "Other tools", "known", false,
                        "users", method.statistic(otherUsers, in.size()), "regularUsers", method.statistic(otherRegular, in.size())));
            }
            body.put("tools", tools.subList(0, Math.min(top, tools.size())));
        }
        body.put("disclosure", method.block());
        return body;
    }

    Map<String, Object> toolTrend(String tool, Filter filter, View view) {
        Method method = view.method();
        List<Object> points = new ArrayList<>();
        for (String wave : waveNames()) {
            List<Respondent> in = select(r -> r.wave().equals(wave) && filter.matches(r));
            boolean suppressed = method.suppresses(in.size()) || !nameable(wave, tool);
            Map<String, Object> point = ordered("wave", wave, "respondents", method.publish(in.size()), "suppressed", suppressed);
            if (!suppressed) {
                point.put("users", method.statistic(count(in, r -> r.tools().containsKey(tool)), in.size()));
                point.put("regularUsers", method.statistic(count(in, r -> REGULAR.contains(r.tools().getOrDefault(tool, ""))),
                        in.size()));
            }
            points.add(point);
        }
        return ordered("tool", tool, "name", TOOL_NAMES.getOrDefault(tool, tool), "known", TOOL_NAMES.containsKey(tool),
                "filter", filter.echo(), "points", points, "disclosure", method.block());
    }

    /** The data of a {@code wave-totals} event: what the live stream pushes when a wave changes. */
    Map<String, Object> waveTotals(String wave, View view) {
        Method method = view.method();
        List<Respondent> in = select(r -> r.wave().equals(wave));
        boolean suppressed = method.suppresses(in.size());
        Map<String, Object> event = ordered("wave", wave, "respondents", method.publish(in.size()), "suppressed", suppressed);
        if (!suppressed) {
            event.put("regularUsers", method.statistic(count(in, r -> REGULAR.contains(r.frequency())), in.size()));
        }
        event.put("disclosure", method.block());
        return event;
    }

    List<Map<String, Object>> allWaveTotals(View view) {
        return waveNames().stream().map(wave -> waveTotals(wave, view)).toList();
    }

    private static Map<String, Object> usageFields(List<Respondent> in, Method method) {
        int n = in.size();
        boolean suppressed = method.suppresses(n);
        Map<String, Object> fields = ordered("respondents", method.publish(n), "suppressed", suppressed);
        if (!suppressed) {
            Map<String, Object> frequencies = new LinkedHashMap<>();
            for (UsageFrequency frequency : UsageFrequency.values()) {
                frequencies.put(frequency.name(), method.statistic(count(in, r -> r.frequency().equals(frequency.name())), n));
            }
            Map<String, Object> useCases = new LinkedHashMap<>();
            Map<String, Object> expected = new LinkedHashMap<>();
            for (UseCase useCase : UseCase.values()) {
                useCases.put(useCase.name(), method.statistic(count(in, r -> r.useCases().contains(useCase.name())), n));
                expected.put(useCase.name(), method.statistic(count(in, r -> r.expectedUseCases().contains(useCase.name())), n));
            }
            fields.put("frequencies", frequencies);
            fields.put("users", method.statistic(count(in, r -> !r.frequency().equals("NEVER")), n));
            fields.put("regularUsers", method.statistic(count(in, r -> REGULAR.contains(r.frequency())), n));
            fields.put("useCases", useCases);
            fields.put("expectedFutureUseCases", expected);
        }
        fields.put("disclosure", method.block());
        return fields;
    }

    private static long count(List<Respondent> in, Predicate<Respondent> predicate) {
        return in.stream().filter(predicate).count();
    }

    @SuppressWarnings("unchecked")
    private static long count(Map<String, Object> tool, String statistic) {
        return (Long) ((Map<String, Object>) tool.get(statistic)).get("count");
    }

    /** {@code {"count","share","ci95"}}: the share and its 95% Wilson interval, rounded half-up to 4 decimals. */
    static Map<String, Object> statistic(long count, long n) {
        double p = (double) count / n;
        double denominator = 1 + Z * Z / n;
        double centre = (p + Z * Z / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / denominator;
        return ordered("count", count,
                "share", BigDecimal.valueOf(count).divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP),
                "ci95", List.of(round(Math.max(0, centre - half)), round(Math.min(1, centre + half))));
    }

    private static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value instanceof Integer n ? Long.valueOf(n) : value);
        }
        return map;
    }
}

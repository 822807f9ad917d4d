package org.medpulse.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.chaos.panel.PanelModel;
import org.medpulse.chaos.panel.Tally;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Asks the API what an operator's probe and dashboard would, all through the game day: the waves,
 * then each wave's usage and tools, every {@code interval}. It records when nobody answered
 * (refused, timed out, 503), every other error (a 500...), and every answer that cannot be right
 * whatever has been processed so far: frequencies that do not add up to the respondents, more
 * users of a tool than respondents, more respondents than the whole panel has.
 */
public final class ApiMonitor implements AutoCloseable {

    /** A time nobody answered: from the first failed request to the last one before an answer. */
    public record Outage(Instant start, Instant end, long requests, String firstDetail) {

        public Duration length() {
            return Duration.between(start, end);
        }
    }

    /** An answer that is an error whenever it comes: a 5xx other than 503, or a total that cannot be right. */
    public record Error(Instant at, String path, String detail) {
    }

    private final ApiClient api;
    private final PanelModel.Expected expected;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final List<Outage> outages = new ArrayList<>();
    private final List<Error> errors = new ArrayList<>();
    private Instant outageStart;
    private Instant outageLast;
    private long outageRequests;
    private String outageDetail;
    private long answered;

    private ApiMonitor(ApiClient api, PanelModel.Expected expected, Duration interval) {
        this.api = api;
        this.expected = expected;
        this.interval = interval;
        this.thread = new Thread(this::run, "chaos-api-monitor");
        this.thread.setDaemon(true);
    }

    /** Starts polling at once. {@code expected} is the whole panel's totals: what no answer may exceed. */
    public static ApiMonitor start(ApiClient api, PanelModel.Expected expected, Duration interval) {
        ApiMonitor monitor = new ApiMonitor(api, expected, interval);
        monitor.thread.start();
        return monitor;
    }

    private void run() {
        int round = 0;
        List<String> waves = List.copyOf(expected.waves().keySet());
        while (running.get()) {
            String wave = waves.get(round % waves.size());
            List<String> paths = List.of("/api/v1/waves", "/api/v1/waves/" + wave + "/usage",
                    "/api/v1/waves/" + wave + "/tools?top=100");
            for (String path : paths) {
                if (!running.get()) {
                    break;
                }
                record(api.get(path));
                sleep(interval.toMillis() / paths.size());
            }
            round++;
        }
    }

    private synchronized void record(ApiClient.Answer answer) {
        Instant now = Instant.now();
        switch (answer.outcome()) {
            case NO_ANSWER -> {
                if (outageStart == null) {
                    outageStart = now;
                    outageDetail = answer.detail();
                    outageRequests = 0;
                }
                outageLast = now;
                outageRequests++;
                return;
            }
            case ERROR -> errors.add(new Error(now, answer.path(), answer.detail()));
            case OK -> {
                answered++;
                check(answer).forEach(problem -> errors.add(new Error(now, answer.path(), problem)));
            }
            case NOT_FOUND -> answered++;
        }
        closeOutage(now);
    }

    private void closeOutage(Instant answeredAt) {
        if (outageStart != null) {
            // Nobody answered until this answer came.
            outages.add(new Outage(outageStart, answeredAt, outageRequests, outageDetail));
            outageStart = null;
        }
    }

    /** What is impossible in {@code answer}, whatever has been processed so far. */
    List<String> check(ApiClient.Answer answer) {
        List<String> problems = new ArrayList<>();
        JsonNode body = answer.body();
        if (answer.path().equals("/api/v1/waves")) {
            for (JsonNode wave : body.path("waves")) {
                String id = wave.path("wave").asText();
                PanelModel.WaveSummary summary = expected.waves().get(id);
                long respondents = wave.path("respondents").asLong();
                if (summary == null) {
                    problems.add("wave " + id + " (" + respondents + " respondents) is not a wave of the panel");
                } else if (respondents > summary.respondents()) {
                    problems.add("wave " + id + " has " + respondents + " respondents, more than the "
                            + summary.respondents() + " of the whole panel");
                }
            }
        } else if (answer.path().endsWith("/usage")) {
            String wave = answer.path().split("/")[4];
            long respondents = body.path("respondents").asLong();
            Tally whole = expected.wave(wave);
            if (respondents > whole.respondents()) {
                problems.add(respondents + " respondents, more than the " + whole.respondents() + " of the whole wave");
            }
            if (!body.path("suppressed").asBoolean()) {
                long sum = 0;
                long regular = 0;
                for (UsageFrequency frequency : UsageFrequency.values()) {
                    long count = body.path("frequencies").path(frequency.name()).path("count").asLong();
                    sum += count;
                    if (Tally.REGULAR.contains(frequency)) {
                        regular += count;
                    }
                }
                long never = body.path("frequencies").path(UsageFrequency.NEVER.name()).path("count").asLong();
                if (sum != respondents) {
                    problems.add("frequencies add up to " + sum + ", not to the " + respondents + " respondents");
                }
                long users = body.path("users").path("count").asLong();
                if (users != respondents - never) {
                    problems.add(users + " users, but " + respondents + " respondents of whom " + never + " never use AI");
                }
                long regularUsers = body.path("regularUsers").path("count").asLong();
                if (regularUsers != regular) {
                    problems.add(regularUsers + " regular users, but the regular frequencies add up to " + regular);
                }
            }
        } else if (answer.path().contains("/tools")) {
            long respondents = body.path("respondents").asLong();
            for (JsonNode tool : body.path("tools")) {
                long users = tool.path("users").path("count").asLong();
                long regular = tool.path("regularUsers").path("count").asLong();
                if (users > respondents || regular > users) {
                    problems.add("tool " + tool.path("tool").asText() + ": " + users + " users and " + regular
                            + " regular users among " + respondents + " respondents");
                }
            }
        }
        return problems;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Outages so far; one still going on counts up to now. */
    public synchronized List<Outage> outages() {
        List<Outage> all = new ArrayList<>(outages);
        if (outageStart != null) {
            all.add(new Outage(outageStart, outageLast, outageRequests, outageDetail));
        }
        return all;
    }

    public synchronized List<Error> errors() {
        return List.copyOf(errors);
    }

    public synchronized long answered() {
        return answered;
    }

    /** Counts of each kind of error detail, for the summary. */
    public synchronized Map<String, Long> errorKinds() {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        errors.forEach(e -> kinds.merge(e.detail().length() > 60 ? e.detail().substring(0, 60) + "…" : e.detail(), 1L,
                Long::sum));
        return kinds;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}

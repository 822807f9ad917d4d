package org.medpulse.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.chaos.check.ApiClient;
import org.medpulse.chaos.check.ApiMonitor;
import org.medpulse.chaos.check.DeadLetters;
import org.medpulse.chaos.check.GroupLag;
import org.medpulse.chaos.check.TotalsCheck;
import org.medpulse.chaos.panel.ChaosPanel;
import org.medpulse.chaos.panel.CorruptRecords;
import org.medpulse.chaos.panel.PanelModel;
import org.medpulse.chaos.platform.BrokerCluster;
import org.medpulse.chaos.platform.Registry;
import org.medpulse.chaos.platform.StreamsProcess;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.registry.SchemaRegistryClient;
import org.medpulse.serde.registry.SchemaRegistryClients;

/**
 * A game day: MedPulse on a three-broker cluster, the registry and the streams application as a
 * child process; a known panel sent through partner files and the simulator; faults injected
 * while it runs; then every API total compared with the independent model of the panel, and the
 * dead letters and rejects accounted for. {@link #run()} prints one line per fault and ends with
 * the verdict line:
 *
 * <pre>chaos: N faults injected, lost 0, double-counted 0, dead-lettered M (all malformed), API errors 0</pre>
 *
 * <p>The panel is sent in chunks, one more than there are timed faults (kills and the registry
 * outage). Fault i is injected a short random moment after chunk i has been sent, while the
 * streams application works through it, and the next chunk is sent while the fault lasts; the
 * next fault waits until the platform has recovered from this one. One streams kill happens
 * during the registry outage, so that an instance starting with an empty schema cache meets it.
 */
public final class ChaosRun {

    private static final String MARKER = "medpulse-chaos-work-directory";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COMPARE_TIMEOUT = Duration.ofMinutes(3);

    private final ChaosOptions options;
    private final PrintWriter out;
    private final Random random;
    private final Instant started = Instant.now();
    private final List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final Object streamsLock = new Object();

    private BrokerCluster cluster;
    private Registry registry;
    private StreamsProcess streams;
    private volatile boolean supervising;

    public ChaosRun(ChaosOptions options, PrintWriter out) {
        this.options = options;
        this.out = out;
        this.random = new Random(options.seed());
    }

    /** What the game day found; {@link #passed()} decides the exit code. */
    public record Outcome(int faults, long lost, long doubleCounted, long deadLettered, long deadLetteredValid,
            long corruptWritten, long malformedNotDeadLettered, long malformedRows, long malformedPublished, long apiErrors,
            String verdict, Path workDirectory) {

        public boolean passed() {
            return lost == 0 && doubleCounted == 0 && deadLetteredValid == 0 && malformedNotDeadLettered == 0
                    && malformedPublished == 0 && apiErrors == 0;
        }
    }

    public Outcome run() throws IOException, InterruptedException {
        Path work = prepare(options.workDirectory());
        ChaosPanel panel = ChaosPanel.of(options.responses(), options.seed());
        PanelModel model = new PanelModel();
        for (Iterator<SurveyResponse> it = panel.deliveries(); it.hasNext(); ) {
            model.accept(it.next());
        }
        PanelModel.Expected expected = model.expected();
        say("chaos: seed %d; %,d responses (%,d respondent-waves in %d waves, %d partners: partner files for %s, the "
                        + "simulator for the others); %d streams kills, %d broker kills, registry outage %d s; work directory %s",
                options.seed(), model.accepted(), expected.respondents(), expected.waves().size(), ChaosPanel.PARTNERS,
                String.join(" and ", new java.util.TreeSet<>(ChaosPanel.FILE_PARTNERS)), options.streamsKills(),
                options.brokerKills(), options.registryOutage().toSeconds(), work.toAbsolutePath());
        Feed feed = null;
        ApiMonitor monitor = null;
        Thread watchdog = null;
        boolean passed = false;
        boolean reported = false;
        try {
            Instant t0 = Instant.now();
            cluster = BrokerCluster.start(work.resolve("kafka"), work.resolve("logs"), options.classpath());
            ProjectTopics.defaults().ensure(cluster.admin(), Duration.ofMinutes(1));
            registry = Registry.start(cluster.bootstrapServers());
            int schemaId;
            try (SchemaRegistryClient client = SchemaRegistryClients.forUrl(registry.url())) {
                schemaId = client.register(Topics.SURVEY_RESPONSES + "-value", SurveyResponse.getClassSchema());
            }
            streams = new StreamsProcess(options.launcher(), cluster.bootstrapServers(), registry.url(),
                    work.resolve("streams-state"), LocalPorts.free(1).get(0), work.resolve("logs").resolve("streams.log"));
            streams.start();
            Duration ready = awaitReady(READY_TIMEOUT);
            if (ready == null) {
                throw new IllegalStateException("medpulse streams did not become ready within "
                        + READY_TIMEOUT.toMinutes() + " min; its log ends with:" + System.lineSeparator() + streams.tail(40));
            }
            say("platform: 3 brokers (%s), registry %s, medpulse streams %s (pid %d); up in %.1f s",
                    cluster.bootstrapServers(), registry.url(), streams.baseUrl(), streams.pid(), seconds(t0, Instant.now()));
            ApiClient api = new ApiClient(streams.baseUrl(), Duration.ofSeconds(5));
            monitor = ApiMonitor.start(api, expected, Duration.ofMillis(600));
            supervising = true;
            watchdog = new Thread(this::supervise, "chaos-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();

            feed = new Feed(panel, work.resolve("partner-files"), cluster.bootstrapServers(), registry.url(), schemaId,
                    options.seed());
            List<Fault.Kind> plan = plan();
            drive(feed, plan, panel.responses());

            List<String> weak = cluster.weaklyReplicated();
            say("replication: %s", weak.isEmpty() ? "every topic (" + cluster.allTopics().size()
                    + ", internal ones included) has 3 replicas and min.insync.replicas=2" : "NOT as required: " + weak);

            Duration caughtUp = awaitCaughtUp();
            TotalsCheck.Result totals = compare(api, expected);
            supervising = false;
            monitor.close();
            DeadLetters.Audit dlq = DeadLetters.read(cluster.bootstrapServers(), Topics.SURVEY_RESPONSES_DLQ);
            DeadLetters.Audit attempted = DeadLetters.read(cluster.bootstrapServers(), Topics.SURVEY_RESPONSES_DLQ, false);
            Outcome outcome = report(feed, monitor, totals, dlq, attempted, caughtUp, expected, work);
            passed = outcome.passed();
            reported = true;
            return outcome;
        } finally {
            supervising = false;
            if (watchdog != null) {
                watchdog.join(5_000);
            }
            if (monitor != null) {
                monitor.close();
            }
            if (feed != null) {
                feed.close();
            }
            shutdown();
            if (passed && !options.keep()) {
                delete(work);
            } else if (!reported) {
                out.printf("chaos: logs and data kept in %s%n", work.toAbsolutePath());
                out.flush();
            }
        }
    }

    /** Kinds of the timed faults in a seeded order; one streams kill is folded into the registry outage. */
    private List<Fault.Kind> plan() {
        List<Fault.Kind> plan = new ArrayList<>();
        boolean outage = !options.registryOutage().isZero();
        int standaloneKills = options.streamsKills() - (outage && options.streamsKills() > 0 ? 1 : 0);
        for (int i = 0; i < standaloneKills; i++) {
            plan.add(Fault.Kind.STREAMS_KILL);
        }
        for (int i = 0; i < options.brokerKills(); i++) {
            plan.add(Fault.Kind.BROKER_KILL);
        }
        if (outage) {
            plan.add(Fault.Kind.REGISTRY_OUTAGE);
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    /**
     * Sends chunk 0, then for each fault: a random moment, the fault, the next chunk while it
     * lasts, and the recovery; then the last chunk.
     */
    private void drive(Feed feed, List<Fault.Kind> plan, long responses) throws IOException, InterruptedException {
        int chunks = plan.size() + 1;
        long perChunk = (responses + chunks - 1) / chunks;
        feed.sendChunk(0, perChunk);
        for (int i = 0; i < plan.size(); i++) {
            Thread.sleep(random.nextInt(2_000));
            CountDownLatch injected = new CountDownLatch(1);
            int chunk = i + 1;
            Fault.Kind kind = plan.get(i);
            Thread fault = new Thread(() -> inject(kind, injected), "chaos-fault-" + chunk);
            fault.start();
            injected.await();
            feed.sendChunk(chunk, perChunk);
            fault.join();
        }
        say("feed: %,d responses sent; %,d partner files ingested (%,d rows, %,d published%s), %,d simulated%s",
                feed.sent(), feed.filesIngested, feed.fileRows, feed.filePublished,
                feed.reingestions > 0 ? ", " + feed.reingestions + " file(s) ingested again after failed sends" : "",
                feed.simulated, feed.resent > 0 ? " (" + feed.resent + " sent again after failed sends)" : "");
        feed.problems().stream().limit(20).forEach(problem -> say("feed problem: %s", problem));
    }

    /** Injects one timed fault and waits for the recovery; counts {@code injected} down once the fault is in. */
    private void inject(Fault.Kind kind, CountDownLatch injected) {
        try {
            switch (kind) {
                case STREAMS_KILL -> killStreams(injected, null, true);
                case BROKER_KILL -> killBroker(injected);
                case REGISTRY_OUTAGE -> registryOutage(injected);
                default -> throw new IllegalArgumentException(kind.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            unexpected.add("fault " + kind + " failed: " + e);
            say("fault %s failed: %s", kind, e);
        } finally {
            injected.countDown();
        }
    }

    private Fault newFault(Fault.Kind kind) {
        synchronized (faults) {
            Fault fault = new Fault(faults.size() + 1, kind);
            faults.add(fault);
            return fault;
        }
    }

    /** Kills and restarts the streams process; returns the fault, its recovery left to the caller when not {@code awaitReady}. */
    private Fault killStreams(CountDownLatch injected, String during, boolean awaitReady) throws InterruptedException {
        Fault fault = newFault(Fault.Kind.STREAMS_KILL);
        long pid;
        synchronized (streamsLock) {
            pid = streams.pid();
            fault.injectedAt = Instant.now();
            streams.kill();
            streams.start();
            fault.endedAt = Instant.now();
        }
        injected.countDown();
        fault.what = String.format("streams SIGKILL (pid %d)%s, restarted at once as pid %d", pid,
                during == null ? "" : " " + during, streams.pid());
        if (awaitReady) {
            Duration ready = awaitReady(READY_TIMEOUT);
            fault.recovery = ready == null ? "NOT ready within " + READY_TIMEOUT.toMinutes() + " min"
                    : String.format("ready %.1f s after the kill", seconds(fault.injectedAt, Instant.now()));
            sayFault(fault);
        }
        return fault;
    }

    private void killBroker(CountDownLatch injected) throws InterruptedException {
        Fault fault = newFault(Fault.Kind.BROKER_KILL);
        Map<Integer, Integer> leaders = cluster.leaderCounts(Topics.SURVEY_RESPONSES);
        int most = leaders.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<Integer> leading = leaders.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
        int target = leading.get(random.nextInt(leading.size())); // a tie is broken by the seed
        long pid = cluster.pid(target);
        Duration downtime = Duration.ofMillis(5_000 + random.nextInt(10_000));
        fault.injectedAt = Instant.now();
        cluster.kill(target);
        injected.countDown();
        // The controller fences a silent broker after broker.session.timeout.ms (9 s) and moves its
        // leaderships; it stays down at least until then, so that the cluster really fails over.
        Instant failedOver = cluster.awaitFencedAndLeaderless(target, READY_TIMEOUT);
        long left = Duration.between(Instant.now(), fault.injectedAt.plus(downtime)).toMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
        Instant restart = Instant.now();
        cluster.restart(target, READY_TIMEOUT);
        fault.endedAt = Instant.now();
        Instant inSync = awaitInSync();
        fault.what = String.format("broker %d SIGKILL (pid %d; it led %d of %d %s partitions, the most; leaders were %s); %s; "
                        + "restarted %.1f s after the kill", target, pid, leaders.get(target),
                leaders.values().stream().mapToInt(Integer::intValue).sum(), Topics.SURVEY_RESPONSES, leaders,
                failedOver == null ? "its leaderships NOT moved" : String.format("fenced and its leaderships moved "
                        + "after %.1f s", seconds(fault.injectedAt, failedOver)), seconds(fault.injectedAt, restart));
        fault.recovery = inSync == null ? "partitions still under-replicated after " + IN_SYNC_TIMEOUT.toMinutes() + " min"
                : String.format("back in the cluster after %.1f s, every partition of every topic in sync after %.1f s",
                        seconds(restart, fault.endedAt), seconds(restart, inSync));
        sayFault(fault);
    }

    private void registryOutage(CountDownLatch injected) throws InterruptedException {
        Fault fault = newFault(Fault.Kind.REGISTRY_OUTAGE);
        fault.injectedAt = Instant.now();
        registry.stop();
        injected.countDown();
        long outage = options.registryOutage().toMillis();
        Fault nested = null;
        if (options.streamsKills() > 0) {
            Thread.sleep((long) (outage * (0.05 + 0.10 * random.nextDouble())));
            nested = killStreams(new CountDownLatch(1), "during the registry outage (a fresh instance: empty schema "
                    + "cache)", false);
        }
        long left = outage - Duration.between(fault.injectedAt, Instant.now()).toMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
        registry.start();
        fault.endedAt = Instant.now();
        fault.what = String.format("schema registry stopped for %.1f s%s, then started again", seconds(fault.injectedAt,
                fault.endedAt), nested == null ? "" : " (fault " + nested.number + " meanwhile)");
        Duration ready = awaitReady(READY_TIMEOUT);
        fault.recovery = ready == null ? "streams NOT ready within " + READY_TIMEOUT.toMinutes() + " min after it"
                : String.format("streams ready %.1f s after the registry came back", ready.toMillis() / 1000.0);
        sayFault(fault);
        if (nested != null) {
            nested.recovery = ready == null ? "NOT ready within " + READY_TIMEOUT.toMinutes() + " min of the registry's "
                    + "return" : String.format("ready %.1f s after the kill", seconds(nested.injectedAt, Instant.now()));
            sayFault(nested);
        }
    }

    /** Restarts the streams process if it ended without being killed (and says so: that is a finding). */
    private void supervise() {
        while (supervising) {
            synchronized (streamsLock) {
                if (supervising && !streams.isAlive()) {
                    String line = String.format("[%s] streams process %d exited by itself with code %s (not a "
                            + "fault injected); restarted. Its log ends with:%n%s", elapsed(Instant.now()), streams.pid(),
                            streams.exitCode(), streams.tail(15));
                    unexpected.add(line);
                    say("unexpected: %s", line);
                    streams.start();
                }
            }
            for (String dead : cluster.deadNodes()) {
                boolean killedOnPurpose = faults.stream().anyMatch(f -> f.kind == Fault.Kind.BROKER_KILL && f.endedAt == null);
                if (!killedOnPurpose) {
                    unexpected.add(dead + " ended without being killed");
                    say("unexpected: %s ended without being killed", dead);
                    supervising = false;
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Time from now until {@code /health/ready} answers 200, or null after {@code timeout}. */
    private Duration awaitReady(Duration timeout) throws InterruptedException {
        Instant from = Instant.now();
        Instant deadline = from.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (streams.ready()) {
                return Duration.between(from, Instant.now());
            }
            Thread.sleep(250);
        }
        return null;
    }

    private Instant awaitInSync() throws InterruptedException {
        Instant deadline = Instant.now().plus(IN_SYNC_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (cluster.underReplicated().isEmpty()) {
                    return Instant.now();
                }
            } catch (IllegalStateException e) {
                // the cluster is still settling
            }
            Thread.sleep(500);
        }
        return null;
    }

    /** Waits until the streams application has committed every record of the input topic. */
    private Duration awaitCaughtUp() throws InterruptedException {
        Instant from = Instant.now();
        GroupLag lag = new GroupLag(cluster.admin(), StreamsProcess.APPLICATION_ID, Topics.SURVEY_RESPONSES,
                ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
        long last = -1;
        while (Duration.between(from, Instant.now()).compareTo(CATCH_UP_TIMEOUT) < 0) {
            last = lag.lag();
            if (last == 0) {
                Duration took = Duration.between(from, Instant.now());
                say("catch-up: every record of %s committed by %s %.1f s after the last fault", Topics.SURVEY_RESPONSES,
                        StreamsProcess.APPLICATION_ID, took.toMillis() / 1000.0);
                return took;
            }
            Thread.sleep(1_000);
        }
        say("catch-up: NOT caught up after %d min: %d records behind", CATCH_UP_TIMEOUT.toMinutes(), last);
        return null;
    }

    /**
     * Compares until the API agrees with the model, or gives the same differences twice in a row
     * (the application has caught up: they will not go away), or the time is up; the last
     * comparison stands. Questions nobody answered are asked again.
     */
    private TotalsCheck.Result compare(ApiClient api, PanelModel.Expected expected) throws InterruptedException {
        Instant from = Instant.now();
        TotalsCheck check = new TotalsCheck(api, expected);
        TotalsCheck.Result result = check.run();
        TotalsCheck.Result previous = null;
        while (!result.exact() && Duration.between(from, Instant.now()).compareTo(COMPARE_TIMEOUT) < 0
                && !(result.complete() && previous != null && sameDifferences(previous, result))) {
            Thread.sleep(2_000);
            previous = result;
            result = check.run();
        }
        return result;
    }

    private static boolean sameDifferences(TotalsCheck.Result a, TotalsCheck.Result b) {
        return a.complete() && a.respondentDifferences().equals(b.respondentDifferences())
                && a.wrongTotals().equals(b.wrongTotals()) && a.errors().equals(b.errors());
    }

    private Outcome report(Feed feed, ApiMonitor monitor, TotalsCheck.Result totals, DeadLetters.Audit dlq,
            DeadLetters.Audit attempted, Duration caughtUp, PanelModel.Expected expected, Path work) {
        List<ApiMonitor.Outage> outages = monitor.outages();
        List<Fault> timed = faults.stream().filter(Fault::timed).sorted(Comparator.comparing(f -> f.number)).toList();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            Fault fault = timed.get(i);
            Instant until = i + 1 < timed.size() ? timed.get(i + 1).injectedAt : Instant.now();
            Optional<ApiMonitor.Outage> outage = fault.longestOutage(outages, until == null ? Instant.now() : until);
            lines.add(String.format("fault %d [%s] %s; %s; API %s", fault.number, elapsed(fault.injectedAt), fault.what,
                    fault.recovery, outage.map(o -> String.format("without an answer for %.1f s (%s)",
                            o.length().toMillis() / 1000.0, o.firstDetail())).orElse("answered throughout")));
        }
        int n = timed.size();
        Fault rows = new Fault(++n, Fault.Kind.MALFORMED_ROWS);
        long malformed = feed.malformedWritten.values().stream().mapToLong(Long::longValue).sum();
        lines.add(String.format("fault %d [throughout] malformed partner rows: %d among the %,d rows of %d partner files "
                        + "(%s); %d rejected into the rejects files, %d published, %d good rows rejected", rows.number,
                malformed, feed.fileRows, feed.filesIngested, describe(feed.malformedWritten), feed.malformedRejected,
                feed.malformedPublished, feed.validRejected));
        Fault corrupt = new Fault(++n, Fault.Kind.CORRUPT_RECORDS);
        Map<CorruptRecords.Kind, Long> corruptKinds = new java.util.EnumMap<>(CorruptRecords.Kind.class);
        feed.corruptWritten.values().forEach(kind -> corruptKinds.merge(kind, 1L, Long::sum));
        List<String> missing = dlq.missing(feed.corruptWritten.keySet());
        List<String> duplicated = dlq.duplicated();
        lines.add(String.format("fault %d [throughout] corrupt records written straight to %s: %d (%s)%s; dead-lettered "
                        + "%d of them%s%s", corrupt.number, Topics.SURVEY_RESPONSES, feed.corruptWritten.size(),
                corruptKinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().description())
                        .collect(Collectors.joining(", ")),
                feed.corruptUnconfirmed.isEmpty() ? "" : ", and " + feed.corruptUnconfirmed.size()
                        + " whose write was not acknowledged (dead-lettered at most once)",
                feed.corruptWritten.size() - missing.size(),
                missing.isEmpty() ? "" : "; NOT dead-lettered: " + missing.stream().limit(5).collect(Collectors.joining(", "))
                        + (missing.size() > 5 ? " …" : ""),
                duplicated.isEmpty() ? "" : "; dead-lettered more than once: " + duplicated.size()));
        lines.forEach(this::say);

        dlq.corruptByReason().forEach((reason, count) -> say("dead letters, malformed: %d × %s", count, reason));
        duplicated.stream().limit(10).forEach(key -> say("dead letters, malformed, MORE THAN ONCE: %s from %s (written "
                + "to %s %d time(s))", key, dlq.sourcesOf(key), Topics.SURVEY_RESPONSES, inputCopies(key)));
        dlq.validByReason().forEach((reason, count) -> {
            DeadLetters.Span span = dlq.validSpans().get(reason);
            say("dead letters, VALID responses: %d × %s (dead-lettered from %s to %s%s)", count, reason,
                    elapsed(span.first()), elapsed(span.last()), during(span));
        });

        attempted.validByReason().forEach((reason, count) -> {
            long aborted = count - dlq.validByReason().getOrDefault(reason, 0L);
            if (aborted > 0) {
                DeadLetters.Span span = attempted.validSpans().get(reason);
                say("dead letters, VALID responses, in transactions then aborted (not counted; shows the attempt): %d × "
                        + "%s (from %s to %s%s)", aborted, reason, elapsed(span.first()), elapsed(span.last()), during(span));
            }
        });
        say("check: %,d API totals compared with the model of %,d respondent-waves%s", totals.compared(),
                expected.respondents(), caughtUp == null ? " (the application had NOT caught up)" : "");
        totals.respondentDifferences().stream().limit(10).forEach(d -> say("check: %s", d));
        totals.wrongTotals().stream().limit(10).forEach(d -> say("check: wrong total: %s", d));
        totals.errors().stream().limit(10).forEach(d -> say("check: error: %s", d));
        totals.unanswered().stream().limit(5).forEach(d -> say("check: no answer: %s", d));

        List<Fault.LateOutage> late = Fault.late(outages, faults, options.apiGrace());
        late.forEach(l -> say("API error: no answer from %s to %s (%.1f s, %d requests: %s), %.1f s beyond the %d s "
                        + "allowed after %s", elapsed(l.outage().start()), elapsed(l.outage().end()),
                l.outage().length().toMillis() / 1000.0, l.outage().requests(), l.outage().firstDetail(),
                l.beyondGrace().toMillis() / 1000.0, options.apiGrace().toSeconds(),
                l.after().map(f -> "fault " + f.number + " ended").orElse("it began")));
        List<ApiMonitor.Error> errors = monitor.errors();
        errors.stream().limit(10).forEach(e -> say("API error: [%s] %s: %s", elapsed(e.at()), e.path(), e.detail()));
        if (errors.size() > 10) {
            say("API error: … %d more", errors.size() - 10);
        }
        say("monitor: %,d answers, %d outage(s), longest %.1f s", monitor.answered(), outages.size(),
                outages.stream().map(ApiMonitor.Outage::length).max(Comparator.naturalOrder()).orElse(Duration.ZERO)
                        .toMillis() / 1000.0);
        unexpected.forEach(u -> say("unexpected: %s", u.lines().findFirst().orElse(u)));

        long apiErrors = late.size() + errors.size() + totals.wrongTotals().size() + totals.errors().size()
                + (totals.complete() ? 0 : 1);
        int faultCount = n;
        long valid = dlq.valid();
        String dead = valid == 0 && missing.isEmpty() && duplicated.isEmpty() ? "all malformed"
                : valid == 0 ? String.format("all malformed; %d malformed not dead-lettered, %d more than once",
                        missing.size(), duplicated.size())
                : String.format("%d malformed, %d valid", dlq.corrupt(), valid);
        String verdict = String.format("chaos: %d faults injected, lost %d, double-counted %d, dead-lettered %d (%s), "
                        + "API errors %d", faultCount, totals.lost(), totals.doubleCounted(), dlq.total(), dead, apiErrors);
        Outcome outcome = new Outcome(faultCount, totals.lost(), totals.doubleCounted(), dlq.total(), valid,
                feed.corruptWritten.size(), missing.size() + duplicated.size(), malformed,
                feed.malformedPublished + feed.validRejected, apiErrors, verdict, work);
        say("chaos: took %s%s", formatDuration(Duration.between(started, Instant.now())),
                outcome.passed() && !options.keep() ? "" : "; logs and data kept in " + work.toAbsolutePath());
        say("%s", verdict);
        return outcome;
    }

    /** Which faults were going on while dead letters were appended, and the last one injected before them. */
    private String during(DeadLetters.Span span) {
        List<Fault> timed = faults.stream().filter(f -> f.timed() && f.injectedAt != null).toList();
        List<String> going = timed.stream().filter(f -> !f.injectedAt.isAfter(span.last())
                        && (f.endedAt == null || !f.endedAt.isBefore(span.first())))
                .map(f -> "fault " + f.number + " (" + f.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")")
                .toList();
        Optional<Fault> last = timed.stream().filter(f -> !f.injectedAt.isAfter(span.first()))
                .max(Comparator.comparing(f -> f.injectedAt));
        String text = going.isEmpty() ? "" : ", during " + String.join(" and ", going);
        if (last.isPresent() && going.stream().noneMatch(g -> g.startsWith("fault " + last.get().number + " "))) {
            text += ", after fault " + last.get().number + " (" + last.get().kind.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ")";
        }
        return text;
    }

    /** How many records with {@code key} the input topic holds. */
    private long inputCopies(String key) {
        return InputTopic.countKey(cluster.bootstrapServers(), Topics.SURVEY_RESPONSES, key);
    }

    private static String describe(Map<?, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + (e.getKey() instanceof
                        org.medpulse.chaos.panel.MalformedRows.Kind k ? k.description() : e.getKey()))
                .collect(Collectors.joining(", "));
    }

    /** Progress while the game day runs; the report repeats each fault with what the API did meanwhile. */
    private void sayFault(Fault fault) {
        say("progress: [%s] fault %d: %s; %s", elapsed(fault.injectedAt), fault.number, fault.what, fault.recovery);
    }

    private void shutdown() throws InterruptedException {
        if (streams != null) {
            synchronized (streamsLock) {
                streams.kill();
            }
        }
        if (registry != null) {
            try {
                registry.close();
            } catch (RuntimeException e) {
                // stopping anyway
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private synchronized void say(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    private String elapsed(Instant at) {
        if (at == null) {
            return "--:--";
        }
        long millis = Duration.between(started, at).toMillis();
        return String.format(Locale.ROOT, "%02d:%04.1f", millis / 60_000, (millis % 60_000) / 1000.0);
    }

    private static String formatDuration(Duration duration) {
        return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Creates the work directory, or empties one an earlier game day left; refuses any other non-empty directory. */
    static Path prepare(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                boolean empty = entries.findAny().isEmpty();
                if (!empty && !Files.exists(directory.resolve(MARKER))) {
                    throw new IllegalArgumentException(directory.toAbsolutePath() + " is not empty and was not made by "
                            + "medpulse chaos; give another --work-dir");
                }
            }
            delete(directory);
        }
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(MARKER), "Made by medpulse chaos; deleted by the next run.\n",
                StandardCharsets.UTF_8);
        return directory;
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}

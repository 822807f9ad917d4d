package org.medpulse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.query.disclosure.CellKeyPerturbation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Measures the query API over HTTP: loads a synthetic panel ({@link BenchPanel}) onto a
 * run-specific responses topic, starts one {@link StreamsApplication} with its API, waits until it
 * is ready and counts every loaded respondent, then lets N clients ask a mix of endpoints in a
 * closed loop (each sends its next request when the previous answer arrived) for a warm-up period
 * and then a measured period. Prints per endpoint and overall: clients, requests, requests/s, p50,
 * p90, p99 and max latency, and errors (any answer other than 200, a timeout, or an answer that
 * contradicts the loaded panel). The totals are checked before and after the measurement, so a
 * fast but wrong API cannot pass. Everything it creates (topics, state) is removed afterwards.
 *
 * <p>Optionally a live {@link ApiTrickle trickle} of new and corrected responses keeps the stores
 * changing during the run; the totals after it are then the loaded panel's plus the trickle's.
 * The clients are threads of this JVM ({@link Clients#IN_PROCESS}), or {@code wrk} in a process of
 * its own ({@link Clients#WRK}, the project's {@code bench/wrk/api-mix.lua}), or nobody
 * ({@link Clients#NONE}: the instance is served for the duration, for clients started by hand).
 *
 * <p>Client and server share the machine: on a small one the clients' own CPU lowers the figures.
 */
public final class ApiBenchmark {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reference for the wrk clients: a route whose answer is a constant, through the same server. */
    static final String CONSTANT_PATH = "/health/live";
    /** Rounds of warm-up added until the JIT compiler is idle: 10 s each, 5 minutes at most. */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(10);
    private static final int WARMUP_ROUNDS = 30;

    /** Who asks the questions. */
    public enum Clients {
        /** Threads of this JVM, in a closed loop over the {@link ApiRequestMix}. */
        IN_PROCESS,
        /** {@code wrk} in a process of its own, over every route, wave and filter combination. */
        WRK,
        /** Nobody: the instance is served (with the trickle) for the duration, for clients started by hand. */
        NONE
    }

    /**
     * @param respondents     respondent-waves loaded (the panel adds corrections, redeliveries and late answers on top)
     * @param partitions      partitions of the responses topic
     * @param concurrency     clients asking at once
     * @param kafkaProperties extra client / Kafka Streams settings (e.g. security)
     */
    public record Settings(String bootstrapServers, int respondents, int partitions, int concurrency, Duration warmup,
            Duration duration, ApiRequestMix mix, Map<String, Object> kafkaProperties, boolean cellKey, Clients clients,
            int trickle) {

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(mix, "mix");
            Objects.requireNonNull(clients, "clients");
            kafkaProperties = Map.copyOf(kafkaProperties);
            if (respondents < 1 || partitions < 1 || concurrency < 1) {
                throw new IllegalArgumentException("Respondents, partitions and concurrency must be positive");
            }
            if (trickle < 0) {
                throw new IllegalArgumentException("The trickle cannot be negative");
            }
            if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("The warm-up cannot be negative and the duration must be positive");
            }
        }

        /**
         * 8 clients (on 2 cores, more only queue), 30 s of warm-up (the JIT compiler's), 30 s measured,
         * the typical mix, six partitions.
         */
        public static Settings of(String bootstrapServers, int respondents) {
            return new Settings(bootstrapServers, respondents, 6, 8, Duration.ofSeconds(30), Duration.ofSeconds(30),
                    ApiRequestMix.typical(), Map.of(), false, Clients.IN_PROCESS, 0);
        }

        public Settings withLoad(int concurrency, Duration warmup, Duration duration, ApiRequestMix mix) {
            return new Settings(bootstrapServers, respondents, partitions, concurrency, warmup, duration, mix, kafkaProperties,
                    cellKey, clients, trickle);
        }

        /**
         * The clients as the public under the cell key method (no token; every count perturbed); the
         * totals are still checked exactly, with an analyst token.
         */
        public Settings withCellKey(boolean cellKey) {
            return new Settings(bootstrapServers, respondents, partitions, concurrency, warmup, duration, mix, kafkaProperties,
                    cellKey, clients, trickle);
        }

        /** Who asks, and how many responses per second the live trickle publishes meanwhile (0: none). */
        public Settings withClients(Clients clients, int trickle) {
            return new Settings(bootstrapServers, respondents, partitions, concurrency, warmup, duration, mix, kafkaProperties,
                    cellKey, clients, trickle);
        }
    }

    /** One row of the table; latencies in milliseconds. */
    public record Figures(long requests, double requestsPerSecond, double p50, double p90, double p99, double max,
            long errors) {
    }

    /**
     * A run's figures.
     *
     * @param endpoints  per endpoint (in-process clients only: wrk reports the mix as a whole)
     * @param checked    respondents per wave as the API reported them, checked against the loaded panel (and trickle)
     * @param errorKinds what went wrong and how often, e.g. {@code usage: HTTP 503 -> 12}
     * @param constant   with wrk: the same server answering {@link #CONSTANT_PATH}, the reference
     * @param trickled   responses the live trickle published
     */
    public record Result(int concurrency, double measuredSeconds, Map<ApiEndpoint, Figures> endpoints, Figures overall,
            SortedMap<String, Long> checked, Map<String, Long> errorKinds, Optional<Figures> constant, long trickled) {

        public long errors() {
            return overall.errors();
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final StopRequest stop;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    // Exact totals are checked as an analyst; under cell-key the clients are the public.
    private final String analystToken = "bench-analyst-" + UUID.randomUUID();

    public ApiBenchmark(Settings settings, PrintStream out) {
        this(settings, out, timeout -> {
            Thread.sleep(timeout.toMillis());
            return false;
        });
    }

    /** @param stop what ends a served run ({@link Clients#NONE}) before its duration: Ctrl-C, say */
    public ApiBenchmark(Settings settings, PrintStream out, StopRequest stop) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** A request to stop serving, awaited for at most a time. */
    @FunctionalInterface
    public interface StopRequest {
        /** Whether the request came within {@code timeout}. */
        boolean await(Duration timeout) throws InterruptedException;
    }

    /**
     * A served run ended by a {@link StopRequest} before its duration: the totals are not checked, but
     * everything the run set up (the application, its topics, its state directory) was closed and
     * removed on the way out.
     */
    public static final class StoppedException extends RuntimeException {
        StoppedException() {
            super("Stopped before the end of the serving: the totals were not checked");
        }
    }

    public Result run() {
        String scope = "bench-api-" + run;
        Path stateDir = BenchSupport.temporaryDirectory("medpulse-bench-api");
        StreamsSettings streams = streamsSettings("mock://" + scope, stateDir);
        MedPulseStreamsConfig config = streams.streams();
        try (Admin admin = Admin.create(clientProperties())) {
            List<String> topics = BenchTopics.create(admin, config.projectTopics().withSurveyResponsePartitions(settings.partitions()).definitions());
            try {
                LoadedPanel panel = load(config.responsesTopic(), "mock://" + scope);
                out.printf("loaded: %,d responses, %,d respondent-waves in waves %s, on %d partitions%n",
                        panel.responses(), panel.respondents(), panel.waves(), settings.partitions());
                try (StreamsApplication app = StreamsApplication.start(streams)) {
                    return measure(app, panel, config.responsesTopic(), "mock://" + scope);
                }
            } finally {
                BenchTopics.delete(admin, config.applicationId(), topics);
                InMemorySchemaRegistryClient.dropScope(scope);
                BenchSupport.deleteQuietly(stateDir);
            }
        }
    }

    private Result measure(StreamsApplication app, LoadedPanel panel, String topic, String registry) {
        URI base = URI.create("http://127.0.0.1:" + app.httpPort());
        // The clients share the machine with the API: each answer is completed on the client's
        // selector thread instead of being handed to a worker pool, one thread switch less per request.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Runnable::run)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long waitFrom = System.nanoTime();
        awaitCounted(http, base, panel.respondentsByWave(), app, analyst());
        out.printf("ready: the API counts every loaded respondent after %.1f s%n", (System.nanoTime() - waitFrom) / 1e9);

        // The clients' answers must show each wave's respondents as their audience gets them: exactly,
        // or as the cell key method publishes them (the same every time, whichever endpoint).
        Map<String, Long> respondents = settings.cellKey()
                ? wavesOf(getJson(http, base.resolve("/api/v1/waves"), null)) : panel.respondentsByWave();
        out.printf("clients: %s%n", settings.cellKey() ? "the public, cell key method (answers perturbed)"
                : "analysts (exact answers)");
        ApiTrickle trickle = settings.trickle() > 0 ? startTrickle(topic, registry, panel) : null;
        try {
            Result result = switch (settings.clients()) {
                case IN_PROCESS -> inProcess(http, base, panel, respondents, trickle);
                case WRK -> wrk(http, base, panel);
                case NONE -> serve(base, panel);
            };
            SortedMap<String, Long> expected = panel.respondentsByWave();
            long trickled = 0;
            if (trickle != null) {
                trickled = trickle.sent();
                expected = trickle.stop(expected);
                out.printf("trickle: %,d responses published at %,d/s; the API must now count %s%n", trickled,
                        trickle.rate(), expected);
                awaitCounted(http, base, expected, app, analyst());
            }
            SortedMap<String, Long> checked = verifyAnswers(http, base, expected, analyst());
            result = new Result(result.concurrency(), result.measuredSeconds(), result.endpoints(), result.overall(), checked,
                    result.errorKinds(), result.constant(), trickled);
            print(result);
            return result;
        } finally {
            if (trickle != null) {
                trickle.close();
            }
        }
    }

    private ApiTrickle startTrickle(String topic, String registry, LoadedPanel panel) {
        Serializer<SurveyResponse> avro = ConfluentAvroSerde.specific(SurveyResponse.class,
                Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, registry), false).serializer();
        out.printf("trickle: %,d responses/s (new respondents of waves %s, with corrections), stamped as they are sent%n",
                settings.trickle(), panel.waves());
        return ApiTrickle.start(topic, avro, clientProperties(), panel.waves(), settings.trickle());
    }

    private Result inProcess(HttpClient http, URI base, LoadedPanel panel, Map<String, Long> respondents, ApiTrickle trickle) {
        ApiRequestPlan.Growth growth = trickle == null ? ApiRequestPlan.Growth.NONE
                : settings.cellKey() ? ApiRequestPlan.Growth.PERTURBED_ANSWERS : ApiRequestPlan.Growth.EXACT_ANSWERS;
        ApiRequestPlan plan = new ApiRequestPlan(base, panel, settings.mix(), respondents, growth);
        out.printf("driving: %d clients, closed loop, mix %s; %d s warm-up, %d s measured%n", settings.concurrency(),
                settings.mix(), settings.warmup().toSeconds(), settings.duration().toSeconds());
        AnswersServed before = AnswersServed.read(http, base);
        Drive drive = drive(http, plan);
        AnswersServed.read(http, base).reportSince(before, "overall", out);
        Map<ApiEndpoint, Figures> endpoints = new EnumMap<>(ApiEndpoint.class);
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            if (settings.mix().weight(endpoint) > 0) {
                endpoints.put(endpoint, drive.latencies().figures(endpoint, drive.seconds()));
            }
        }
        return new Result(settings.concurrency(), drive.seconds(), endpoints, drive.latencies().overall(drive.seconds()),
                new TreeMap<>(), drive.latencies().errorKinds(), Optional.empty(), 0);
    }

    /** wrk over the whole mix: a warm-up run, the measured run, then the same server answering a constant. */
    private Result wrk(HttpClient http, URI base, LoadedPanel panel) {
        WrkClients wrk = WrkClients.onPath(settings.concurrency());
        List<String> arguments = WrkClients.scriptArguments(panel, rollingEnd(panel));
        out.printf("driving: wrk, %d threads, %d connections, %s; %d s warm-up, %d s measured%n", WrkClients.THREADS,
                settings.concurrency(), WrkClients.SCRIPT, settings.warmup().toSeconds(), settings.duration().toSeconds());
        out.println("command: " + WrkClients.commandLine(settings.concurrency(), settings.duration(), base, arguments));
        // The public needs no token; analysts need none either when no audience is configured.
        if (!settings.warmup().isZero()) {
            report("warm-up", wrk.run(base, arguments, settings.warmup(), null, null));
            warmUntilCompiled(() -> wrk.run(base, arguments, WARMUP_ROUND, null, null));
        }
        JitCompiler compiling = JitCompiler.now();
        AnswersServed before = AnswersServed.read(http, base);
        CpuMeter cpu = CpuMeter.start(ApiBenchmark::isApiThread);
        WrkClients.Report measured = wrk.run(base, arguments, settings.duration(), null, out);
        reportCpu("mix", cpu.stop(), measured);
        AnswersServed.read(http, base).reportSince(before, "mix", out);
        out.printf("jit, mix: the compiler busy %.1f%% of the measured run%n",
                100 * JitCompiler.now().shareSince(compiling, Duration.ofMillis(Math.round(measured.seconds() * 1000))));
        cpu = CpuMeter.start(ApiBenchmark::isApiThread);
        WrkClients.Report constant = wrk.runConstant(base, CONSTANT_PATH, settings.duration(), null);
        reportCpu("constant", cpu.stop(), constant);
        report("constant " + CONSTANT_PATH, constant);
        Map<String, Long> errors = new TreeMap<>();
        if (measured.non200() > 0) {
            errors.put("answers other than 200", measured.non200());
        }
        if (measured.socketErrors() > 0) {
            errors.put("socket errors (connect, read, write, timeout)", measured.socketErrors());
        }
        return new Result(settings.concurrency(), measured.seconds(), Map.of(), measured.figures(), new TreeMap<>(), errors,
                Optional.of(constant.figures()), 0);
    }

    /**
     * After the warm-up asked for, more rounds of the same load until the JIT compiler is idle
     * (or {@link #WARMUP_ROUNDS} rounds, then said): the figures are the server's steady state, which is
     * what it runs in for hours, not its first minutes of compilation.
     */
    private void warmUntilCompiled(Supplier<WrkClients.Report> round) {
        for (int i = 1; ; i++) {
            JitCompiler before = JitCompiler.now();
            long start = System.nanoTime();
            WrkClients.Report report = round.get();
            double share = JitCompiler.now().shareSince(before, Duration.ofNanos(System.nanoTime() - start));
            out.printf("warm-up until the JIT compiler is idle, round %d: %,.0f req/s, compiling %.1f%% of the round%n",
                    i, report.requestsPerSecond(), 100 * share);
            if (JitCompiler.settled(share)) {
                return;
            }
            if (i == WARMUP_ROUNDS) {
                out.printf("warm-up: the JIT compiler still busy after %d rounds; measuring anyway%n", i);
                return;
            }
        }
    }

    /**
     * The server's own counts of answers given again (unchanged stores, same question) and made anew,
     * from its {@code /metrics}: how much of a run the answer cache served.
     */
    private record AnswersServed(double givenAgain, double made) {

        private static final String GIVEN_AGAIN = "medpulse_api_answers_kept_total ";
        private static final String MADE = "medpulse_api_answers_made_total ";

        static AnswersServed read(HttpClient http, URI base) {
            try {
                HttpResponse<String> response = http.send(request(base.resolve("/metrics"), null),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("/metrics answered " + response.statusCode() + ": " + response.body());
                }
                return new AnswersServed(counter(response.body(), GIVEN_AGAIN), counter(response.body(), MADE));
            } catch (IOException e) {
                throw new UncheckedIOException("Asking " + base + "/metrics failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }

        private static double counter(String metrics, String name) {
            return metrics.lines().filter(line -> line.startsWith(name)).findFirst()
                    .map(line -> Double.parseDouble(line.substring(name.length()).trim()))
                    .orElseThrow(() -> new IllegalStateException("/metrics has no " + name.trim()));
        }

        void reportSince(AnswersServed before, String what, PrintStream out) {
            double again = givenAgain - before.givenAgain;
            double anew = made - before.made;
            out.printf("answers, %s: %,.0f given again, %,.0f made anew (%.1f%% given again: same question, stores unchanged)%n",
                    what, again, anew, again + anew == 0 ? 0 : 100 * again / (again + anew));
        }
    }

    // The server's request threads (Javalin's Jetty pool), which answer every request.
    private static boolean isApiThread(String name) {
        return name.startsWith("JettyServerThreadPool");
    }

    // Per answer, the CPU of this process (wrk runs in another): on a shared machine the rate swings
    // with other work, CPU per answer much less, so it is what a change of the read side is judged by.
    private void reportCpu(String what, CpuTime cpu, WrkClients.Report report) {
        long answers = Math.max(1, report.requests());
        out.printf("cpu, %s: API threads %.1f us/answer, the whole process (broker, Kafka Streams, trickle, JIT, GC "
                        + "included) %.1f us/answer, %.2f of %d cores busy%n", what, cpu.threadNanos() / 1e3 / answers,
                cpu.processNanos() / 1e3 / answers, cpu.processNanos() / 1e9 / report.seconds(),
                Runtime.getRuntime().availableProcessors());
    }

    private void report(String what, WrkClients.Report report) {
        out.printf("%s: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %,d errors%n", what, report.requestsPerSecond(), report.p50(),
                report.p99(), report.non200() + report.socketErrors());
    }

    /**
     * No clients: serves the instance (and the trickle) for the duration, or until this process is
     * interrupted, and says how to drive it with wrk meanwhile.
     */
    private Result serve(URI base, LoadedPanel panel) {
        List<String> arguments = WrkClients.scriptArguments(panel, rollingEnd(panel));
        out.println("serving: " + base + " for " + settings.duration().toSeconds() + " s (the API, /openapi.json)");
        out.println("drive it from another terminal, e.g.:");
        out.println("  " + WrkClients.commandLine(8, Duration.ofSeconds(30), base, arguments));
        if (settings.cellKey()) {
            out.println("  (token-less requests are the public's; as an analyst: " + WrkClients.TOKEN_VARIABLE + "="
                    + analystToken + " wrk ...)");
        }
        out.println("stops after the duration, then checks the totals (Ctrl-C stops at once, without the check)");
        out.flush();
        long start = System.nanoTime();
        try {
            if (stop.await(settings.duration())) {
                throw new StoppedException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while serving", e);
        }
        return new Result(0, (System.nanoTime() - start) / 1e9, Map.of(), new Figures(0, 0, 0, 0, 0, 0, 0), new TreeMap<>(),
                Map.of(), Optional.empty(), 0);
    }

    /** The end of the rolling windows asked: where the public's 30-day blocks end, so every audience may ask. */
    private static String rollingEnd(LoadedPanel panel) {
        return CellKeyPerturbation.WINDOWS.latestEnd(30, panel.lastDay()).toString();
    }

    private record Drive(ApiLatencies latencies, double seconds) {
    }

    /** The clients' loop: warm-up requests are not recorded; a request counts if it started in the measured period. */
    private Drive drive(HttpClient http, ApiRequestPlan plan) {
        long start = System.nanoTime();
        long measureFrom = start + settings.warmup().toNanos();
        long end = measureFrom + settings.duration().toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "medpulse-bench-client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ApiLatencies>> results = new ArrayList<>();
            long[] lastFinish = new long[settings.concurrency()];
            for (int i = 0; i < settings.concurrency(); i++) {
                int client = i;
                SplittableRandom random = new SplittableRandom(1_000L + i);
                results.add(clients.submit(() -> {
                    ApiLatencies latencies = new ApiLatencies();
                    long sent;
                    while ((sent = System.nanoTime()) < end) {
                        ApiRequestPlan.Planned request = plan.next(random);
                        String error = send(http, request);
                        long received = System.nanoTime();
                        if (sent >= measureFrom) {
                            latencies.record(request.endpoint(), received - sent, error);
                            lastFinish[client] = received;
                        }
                    }
                    return latencies;
                }));
            }
            ApiLatencies all = new ApiLatencies();
            for (Future<ApiLatencies> result : results) {
                all.add(result.get());
            }
            long finished = Arrays.stream(lastFinish).max().orElse(end);
            return new Drive(all, (Math.max(finished, end) - measureFrom) / 1e9);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A benchmark client failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Null when the answer is a 200 that agrees with the panel; otherwise what was wrong. */
    private static String send(HttpClient http, ApiRequestPlan.Planned planned) {
        HttpRequest request = HttpRequest.newBuilder(planned.uri()).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode();
            }
            return planned.accepts(response.body()) ? null : "answer contradicts the loaded panel";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Puts every delivery of a {@link BenchPanel} of {@code respondents} respondent-waves on the topic. */
    private LoadedPanel load(String topic, String registry) {
        List<PanelSettings> waves = BenchPanel.typical(settings.respondents(), BenchPanel.SEED);
        PanelSimulator.Deliveries deliveries = PanelSimulator.deliveries(waves);
        Serializer<SurveyResponse> avro = ConfluentAvroSerde.specific(SurveyResponse.class,
                Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, registry), false).serializer();
        Properties props = clientProperties();
        props.putAll(BenchSupport.loaderSettings());
        Set<String> partners = new TreeSet<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long responses = 0;
        try (KafkaProducer<String, SurveyResponse> producer = new KafkaProducer<>(props, new StringSerializer(), avro)) {
            while (deliveries.hasNext() && failure.get() == null) {
                SurveyResponse response = deliveries.next();
                responses++;
                partners.add(response.getPartnerId());
                producer.send(BenchSupport.record(topic, response), BenchSupport.keepingFirstFailure(failure));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading the panel failed: " + failure.get().getMessage(), failure.get());
        }
        SortedMap<String, Long> byWave = new TreeMap<>();
        waves.forEach(wave -> byWave.put(wave.wave(), (long) wave.respondents()));
        return new LoadedPanel(byWave, List.copyOf(partners), responses);
    }

    /** Waits until {@code /api/v1/waves} reports exactly {@code expected} respondents per wave (processing done). */
    private static void awaitCounted(HttpClient http, URI base, SortedMap<String, Long> expected, StreamsApplication app,
                                     String token) {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        String seen = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (app.failure() != null) {
                throw new IllegalStateException("The streams application failed: " + app.failure().getMessage(), app.failure());
            }
            try {
                HttpResponse<String> response = http.send(request(base.resolve("/api/v1/waves"), token),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    SortedMap<String, Long> counted = wavesOf(JSON.readTree(response.body()));
                    if (counted.equals(expected)) {
                        return;
                    }
                    seen = counted.toString();
                } else {
                    seen = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                seen = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
            BenchSupport.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("After " + LOAD_TIMEOUT.toMinutes() + " min the API counts " + seen
                + " (reading stale copies too: " + staleCount(http, base, token) + "), expected " + expected);
    }

    // Stale reads skip the views and scans remembered and accept restoring copies: tells a stuck topology from a stuck read side.
    private static String staleCount(HttpClient http, URI base, String token) {
        try {
            return wavesOf(getJson(http, base.resolve("/api/v1/waves?allowStale=true"), token)).toString();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * After the measurement, reads every wave's usage and barriers in full: respondents must be what
     * was loaded (and trickled), in {@code /waves} too, and the usage frequencies must add up to the respondents.
     */
    private static SortedMap<String, Long> verifyAnswers(HttpClient http, URI base, SortedMap<String, Long> expected,
                                                         String token) {
        SortedMap<String, Long> waves = wavesOf(getJson(http, base.resolve("/api/v1/waves"), token));
        if (!waves.equals(expected)) {
            throw new IllegalStateException("/api/v1/waves counts " + waves + ", expected " + expected);
        }
        for (Map.Entry<String, Long> wave : expected.entrySet()) {
            JsonNode usage = getJson(http, base.resolve("/api/v1/waves/" + wave.getKey() + "/usage"), token);
            long frequencies = 0;
            for (JsonNode frequency : usage.path("frequencies")) {
                frequencies += frequency.path("count").asLong();
            }
            JsonNode barriers = getJson(http, base.resolve("/api/v1/waves/" + wave.getKey() + "/barriers"), token);
            long respondents = wave.getValue();
            if (usage.path("respondents").asLong(-1) != respondents || frequencies != respondents
                    || barriers.path("respondents").asLong(-1) != respondents) {
                throw new IllegalStateException("Wave " + wave.getKey() + ": usage counts " + usage.path("respondents")
                        + " respondents (frequencies add up to " + frequencies + "), barriers "
                        + barriers.path("respondents") + "; expected " + respondents);
            }
        }
        return waves;
    }

    private static SortedMap<String, Long> wavesOf(JsonNode body) {
        SortedMap<String, Long> waves = new TreeMap<>();
        body.path("waves").forEach(w -> waves.put(w.path("wave").asText(), w.path("respondents").asLong()));
        return waves;
    }

    /** The analyst token the totals are checked with, or null when every request is an analyst's anyway. */
    private String analyst() {
        return settings.cellKey() ? analystToken : null;
    }

    private static HttpRequest request(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static JsonNode getJson(HttpClient http, URI uri, String token) {
        try {
            HttpResponse<String> response = http.send(request(uri, token), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Asking " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private void print(Result result) {
        String loaded = result.trickled() > 0 ? "the loaded and trickled respondents" : "the loaded respondents";
        if (settings.clients() == Clients.NONE) {
            out.printf("%nserved: %.1f s%n", result.measuredSeconds());
        } else {
            out.printf("%nmeasured: %.1f s, %d %s%n", result.measuredSeconds(), result.concurrency(),
                    settings.clients() == Clients.WRK
                            ? "connections of wrk in another process (this JVM runs the API, Kafka Streams and the broker)"
                            : "clients (this JVM also runs the broker and Kafka Streams)");
            out.printf("%-9s %7s %10s %9s %8s %8s %8s %8s %7s%n",
                    "endpoint", "clients", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
            result.endpoints().forEach((endpoint, figures) -> row(endpoint.label(), result.concurrency(), figures));
            row(settings.clients() == Clients.WRK ? "mix" : "overall", result.concurrency(), result.overall());
            result.constant().ifPresent(constant -> {
                row("constant", result.concurrency(), constant);
                out.printf("ratio: the mix runs at %.2f of the rate of the same server answering %s (a constant)%n",
                        result.overall().requestsPerSecond() / constant.requestsPerSecond(), CONSTANT_PATH);
            });
        }
        result.errorKinds().forEach((kind, count) -> out.printf("error: %s -> %,d%n", kind, count));
        out.printf("checked: /waves, and each wave's usage (frequencies included) and barriers, count %s %s%s%n",
                loaded, result.checked(), settings.clients() == Clients.IN_PROCESS
                        ? "; unfiltered answers were checked during the run too" : "");
        out.flush();
    }

    private void row(String name, int clients, Figures f) {
        out.printf("%-9s %7d %,10d %,9.0f %8.2f %8.2f %8.2f %8.2f %,7d%n",
                name, clients, f.requests(), f.requestsPerSecond(), f.p50(), f.p90(), f.p99(), f.max(), f.errors());
    }

    private StreamsSettings streamsSettings(String registry, Path stateDir) {
        Map<String, Object> config = BenchSupport.streamsSettings(settings.kafkaProperties(), settings.bootstrapServers(),
                registry, "bench-api", run, stateDir);
        config.put(MedPulseStreamsConfig.CREATE_TOPICS, false);
        config.put(MedPulseStreamsConfig.HTTP_HOST, "127.0.0.1");
        config.put(MedPulseStreamsConfig.HTTP_PORT, 0);
        config.put(MedPulseStreamsConfig.ADVERTISED_HOST, "127.0.0.1");
        if (settings.cellKey()) {
            config.put(SurveyApiConfig.DISCLOSURE, "cell-key");
            config.put(SurveyApiConfig.API_TOKENS, "analyst:" + analystToken);
        }
        return StreamsSettings.of(config);
    }

    private Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(settings.kafkaProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }
}

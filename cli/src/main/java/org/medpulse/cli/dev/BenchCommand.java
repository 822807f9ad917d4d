package org.medpulse.cli.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.medpulse.bench.ApiBenchmark;
import org.medpulse.bench.ApiRequestMix;
import org.medpulse.bench.ReplayBenchmark;
import org.medpulse.bench.disclosure.AttackPanel;
import org.medpulse.bench.disclosure.AveragingAttack;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.PerturbationOptions;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.disclosure.PerturbationParameters;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medpulse bench}: benchmarks and simulations, printed rather than asserted. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure MedPulse's throughput on this machine.",
        description = "Benchmarks print figures; they are not tests. Run them on a quiet machine.",
        subcommands = {CommandLine.HelpCommand.class, BenchCommand.Replay.class, BenchCommand.Api.class,
                BenchFreshnessCommand.class, BenchIngestCommand.class, BenchCommand.Averaging.class})
public final class BenchCommand implements Runnable {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing benchmark: give one of "
                + String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("help")).toList()));
    }

    /** {@code medpulse bench replay}: the topology's replay rate against the broker's raw rate. */
    @Command(name = "replay",
            mixinStandardHelpOptions = true,
            header = "Replay N responses through the survey topology (exactly-once) and compare with the raw broker.",
            description = {
                    "In one run against the same broker: (1) the rate at which the broker takes raw 300-byte "
                            + "records with acks=all (median of the counted runs, after a warm-up run); (2) the "
                            + "rate at which the survey topology replays N synthetic responses (with corrections, "
                            + "redeliveries and late answers) already on a topic, under exactly-once, until every "
                            + "input offset is committed. Prints both in records/s and their ratio (goal: at "
                            + "least 0.50), and checks that the stores count every respondent.",
                    "",
                    "Then, unless --no-baseline, (3) three baselines over the same responses, under the same "
                            + "settings: Kafka Streams reading each record and doing nothing; the least a "
                            + "correction-aware replay must do: write each record to one changelogged RocksDB "
                            + "store, nothing else (no survey topology can be faster than this one-store baseline "
                            + "on this machine and broker); and the same store without a changelog, the ceiling "
                            + "of a design whose latest responses are rebuilt from the input topic instead.",
                    "",
                    "Without --bootstrap it starts a throwaway Kafka broker in this process, in a temporary "
                            + "directory deleted afterwards. With --bootstrap it uses that cluster and removes "
                            + "the topics it created (bench-*).",
            },
            footerHeading = "%n",
            footer = {"Examples:",
                    "  ./medpulse bench replay --responses 1000000",
                    "  ./medpulse bench replay --responses 200000 --bootstrap 127.0.0.1:9092"})
    static final class Replay implements Callable<Integer> {

        @Mixin
        private HelpLayout layout;

        @Spec
        private CommandSpec spec;

        @Mixin
        private VerboseOption verbose;

        private int responses;
        private Integer rawRecords;
        private int warmupResponses = ReplayBenchmark.DEFAULT_WARMUP_RESPONSES;
        private int rawRuns = 3;
        private int streamThreads = 1;

        @Mixin
        private BenchCluster cluster;

        @Option(names = "--responses", required = true, paramLabel = "N",
                description = "Responses replayed through the topology, e.g. 1000000.")
        void responses(int value) {
            responses = positive(spec, value, "--responses");
        }

        @Option(names = "--warmup-responses", paramLabel = "N",
                defaultValue = "" + ReplayBenchmark.DEFAULT_WARMUP_RESPONSES,
                description = "Responses replayed first through a throwaway copy of the topology, not counted "
                        + "(default: ${DEFAULT-VALUE}; 0: none).")
        void warmupResponses(int value) {
            warmupResponses = notNegative(spec, value, "--warmup-responses");
        }

        @Option(names = "--raw-records", paramLabel = "N",
                description = "Records of each raw producer run (default: as many as --responses).")
        void rawRecords(int value) {
            rawRecords = positive(spec, value, "--raw-records");
        }

        @Option(names = "--raw-runs", paramLabel = "N", defaultValue = "3",
                description = "Counted raw runs after the warm-up (default: ${DEFAULT-VALUE}).")
        void rawRuns(int value) {
            rawRuns = positive(spec, value, "--raw-runs");
        }

        @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Also measure the three baselines (default: yes; --no-baseline skips them).")
        private boolean baseline = true;

        @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "1",
                description = "Kafka Streams threads of the replay (default: ${DEFAULT-VALUE}).")
        void streamThreads(int value) {
            streamThreads = positive(spec, value, "--stream-threads");
        }

        @Override
        public Integer call() throws IOException {
            // ReplayBenchmark reports to a PrintStream as it goes; the console is where it belongs.
            PrintStream out = System.out;
            cluster.run(out, bootstrapServers -> run(bootstrapServers, out));
            return 0;
        }

        private Void run(String bootstrapServers, PrintStream out) {
            ReplayBenchmark.Settings settings = new ReplayBenchmark.Settings(bootstrapServers, responses,
                    warmupResponses, rawRecords == null ? responses : rawRecords, rawRuns, cluster.partitions(),
                    streamThreads, baseline, cluster.kafkaProperties());
            out.println("Benchmarking on " + bootstrapServers + "...");
            new ReplayBenchmark(settings, out).run();
            out.flush();
            return null;
        }
    }

    /** {@code medpulse bench api}: the query API's throughput and latency over HTTP. */
    @Command(name = "api",
            mixinStandardHelpOptions = true,
            header = "Drive the query API with concurrent HTTP clients and print requests/s and latency percentiles.",
            description = {
                    "Loads a synthetic panel of N respondents (three waves, five partners, with corrections and "
                            + "redeliveries) onto a topic, starts the streams application with its HTTP API, waits "
                            + "until the API counts every loaded respondent, then lets C clients ask a mix of "
                            + "endpoints (wave usage, barriers, tools, rolling usage, tool trend, waves; half of them "
                            + "filtered by partner, practice type or setting) in a closed loop: a warm-up, then the "
                            + "measured period.",
                    "",
                    "Prints per endpoint and overall: clients, requests, requests/s, p50, p90, p99 and max "
                            + "latency (client-side, HdrHistogram) and errors. Any answer other than 200 is an error, "
                            + "and so is an unfiltered wave answer whose respondents differ from what was loaded; the "
                            + "totals are also checked in full before and after the run. Exits 1 if there were errors.",
                    "",
                    "With --clients wrk the clients are wrk (an HTTP load generator, not shipped: it must be on "
                            + "the PATH) in a process of its own, running bench/wrk/api-mix.lua: every wave route "
                            + "(usage, barriers, drivers, tools), rolling usage and tool trends, over every wave and "
                            + "every filter combination, in turn, with C connections on 2 threads. Then wrk asks "
                            + "/health/live (a constant) the same way, the reference the mix is compared with. "
                            + "--serve only serves the loaded instance for --duration seconds and prints the wrk "
                            + "command to drive it by hand.",
                    "",
                    "--trickle publishes new and corrected responses at that rate while the clients ask (by "
                            + "default 100/s with --clients wrk and --serve, none otherwise): the answers keep "
                            + "changing, as in production. The totals checked afterwards include them.",
                    "",
                    "Without --bootstrap it starts a throwaway Kafka broker in this process, in a temporary "
                            + "directory deleted afterwards. With --bootstrap it uses that cluster and removes the "
                            + "topics it created (bench-api-*). Clients, API, Kafka Streams (and the throwaway "
                            + "broker) share this machine's CPUs.",
            },
            footerHeading = "%n",
            footer = {"Examples:",
                    "  ./medpulse bench api",
                    "  ./medpulse bench api --concurrency 32 --duration 60 --mix usage=1",
                    "  ./medpulse bench api --clients wrk                  # 60,000 respondents, trickle 100/s",
                    "  ./medpulse bench api --serve --duration 600",
                    "  ./medpulse bench api --respondents 200000 --bootstrap 127.0.0.1:9092"})
    static final class Api implements Callable<Integer> {

        @Mixin
        private HelpLayout layout;

        @Spec
        private CommandSpec spec;

        @Mixin
        private VerboseOption verbose;

        private Integer respondents;
        private Integer trickle;
        private ApiBenchmark.Clients clients = ApiBenchmark.Clients.IN_PROCESS;
        private int concurrency = 8;
        private int warmupSeconds = 30;
        private int durationSeconds = 30;
        private ApiRequestMix mix = ApiRequestMix.typical();

        @Mixin
        private BenchCluster cluster;

        @Option(names = "--respondents", paramLabel = "N",
                description = "Respondent-waves loaded before the run (default: 50000; 60000 with --clients wrk "
                        + "and --serve).")
        void respondents(int value) {
            respondents = positive(spec, value, "--respondents");
        }

        @Option(names = "--clients", paramLabel = "KIND", defaultValue = "in-process",
                description = "Who asks: in-process (threads of this JVM, the default) or wrk (in a process of its own).")
        void clients(String value) {
            clients = switch (value) {
                case "in-process" -> ApiBenchmark.Clients.IN_PROCESS;
                case "wrk" -> ApiBenchmark.Clients.WRK;
                default -> throw new ParameterException(spec.commandLine(), "--clients: in-process or wrk, got '" + value + "'");
            };
        }

        @Option(names = "--serve",
                description = "No clients: serve the loaded instance (with the trickle) for --duration seconds and "
                        + "print the wrk command to drive it by hand; then check the totals.")
        private boolean serve;

        @Option(names = "--trickle", paramLabel = "PER_SECOND",
                description = "Responses per second published during the run (default: 100 with --clients wrk and "
                        + "--serve, 0 otherwise).")
        void trickle(int value) {
            trickle = notNegative(spec, value, "--trickle");
        }

        @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
                description = "Clients asking at once, each waiting for its answer (default: ${DEFAULT-VALUE}).")
        void concurrency(int value) {
            concurrency = positive(spec, value, "--concurrency");
        }

        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "30",
                description = "Seconds of requests before measuring, not counted: the JIT compiler needs them "
                        + "on a small machine; with --clients wrk, then rounds of 10 s until it is idle, 5 minutes "
                        + "at most (default: ${DEFAULT-VALUE}).")
        void warmup(int value) {
            warmupSeconds = notNegative(spec, value, "--warmup");
        }

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
                description = "Seconds measured (default: ${DEFAULT-VALUE}).")
        void duration(int value) {
            durationSeconds = positive(spec, value, "--duration");
        }

        @Option(names = "--disclosure", paramLabel = "METHOD", defaultValue = "suppress",
                description = "How the clients' answers are published: suppress (exact figures, as analysts get them; "
                        + "the default) or cell-key (the clients are the public and every count is perturbed; the "
                        + "totals are still checked exactly with an analyst token).")
        void disclosure(String value) {
            if (!value.equals(DisclosureBlock.SUPPRESS) && !value.equals(DisclosureBlock.CELL_KEY)) {
                throw new ParameterException(spec.commandLine(), "--disclosure: suppress or cell-key, got '" + value + "'");
            }
            disclosure = value;
        }

        private String disclosure = DisclosureBlock.SUPPRESS;

        @Option(names = "--mix", paramLabel = "NAME=WEIGHT,...",
                defaultValue = ApiRequestMix.TYPICAL,
                description = "Relative weights of the endpoints usage, barriers, tools, rolling, trend and waves; "
                        + "left out means not asked (default: ${DEFAULT-VALUE}).")
        void mix(String value) {
            try {
                mix = ApiRequestMix.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--mix: " + e.getMessage());
            }
        }

        @Override
        public Integer call() throws IOException {
            PrintStream out = System.out;
            if (serve && clients != ApiBenchmark.Clients.IN_PROCESS) {
                throw new ParameterException(spec.commandLine(), "--serve starts no clients: leave out --clients");
            }
            ApiBenchmark.Result result;
            // Served by hand, it is ended by Ctrl-C: then the run unwinds (application, topics, state
            // and the throwaway broker's directories removed) instead of the JVM exiting inside the signal.
            try (StopSignal stop = serve ? StopSignal.onInterruptOrTerminate() : StopSignal.manual()) {
                result = cluster.run(out, bootstrapServers -> run(bootstrapServers, out, stop));
            } catch (ApiBenchmark.StoppedException e) {
                out.println("stopped: " + e.getMessage());
                return 0;
            }
            if (result.errors() > 0) {
                throw new IllegalStateException(result.errors() + " request(s) failed or answered wrongly (see above)");
            }
            return 0;
        }

        private ApiBenchmark.Result run(String bootstrapServers, PrintStream out, StopSignal stop) {
            ApiBenchmark.Clients who = serve ? ApiBenchmark.Clients.NONE : clients;
            boolean outside = who != ApiBenchmark.Clients.IN_PROCESS;
            ApiBenchmark.Settings settings = new ApiBenchmark.Settings(bootstrapServers,
                    respondents != null ? respondents : outside ? 60_000 : 50_000, cluster.partitions(),
                    concurrency, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds), mix,
                    cluster.kafkaProperties(), disclosure.equals(DisclosureBlock.CELL_KEY), who,
                    trickle != null ? trickle : outside ? 100 : 0);
            out.println("Benchmarking the query API on " + bootstrapServers + "...");
            ApiBenchmark.Result result = new ApiBenchmark(settings, out, stop::await).run();
            out.flush();
            return result;
        }
    }

    /** {@code medpulse bench averaging}: the averaging attack on the cell key method, simulated. */
    @Command(name = "averaging",
            mixinStandardHelpOptions = true,
            header = "Simulate the strongest averaging attack the public API allows on a small group and print how "
                    + "often it finds the group's true count.",
            description = {
                    "A seeded synthetic panel (P partners, 181 days from 2025-01-01, a Poisson number of respondents "
                            + "per partner and day, each with a practice type, a setting and a usage frequency, each "
                            + "with a real record key: HMAC-SHA256 of a fresh secret per trial) holds a known small "
                            + "group: the first partner's respondents on the middle day, exactly C of them.",
                    "",
                    "The attacker asks every question that bears on it: every allowed window length ending on every "
                            + "day, every wave (month), with every filter combination (the partner alone, the whole "
                            + "panel, each practice type and setting), and reads each answer's usage breakdown. The "
                            + "answers come from the real perturbation table and cell-key lookup on the real key "
                            + "sums. The attacker forms the least-squares (best linear unbiased) estimate of the "
                            + "group's count from all of them, rounds it to the nearest count >= 0, and is right "
                            + "or not. Each set of questions is attacked on the same trials.",
                    "",
                    "Prints, for each set of questions: distinct windows and answers, the estimate's standard "
                            + "deviation if the noise were independent (model sd), the measured root mean square "
                            + "error and bias, and how often the guess was the true count (with a 95%% interval). "
                            + "(a) is the API as it is, (b) every window length 1..366 as the API allowed before, "
                            + "(c) windows without filters, (d) single days only, (e)-(g) stricter rules. "
                            + "docs/disclosure.md explains the method and the figures.",
            },
            footerHeading = "%n",
            footer = {"Examples:",
                    "  ./medpulse bench averaging",
                    "  ./medpulse bench averaging --trials 200 --seed 7 --true-count 2",
                    "  ./medpulse bench averaging --V 5"})
    static final class Averaging implements Callable<Integer> {

        @Mixin
        private HelpLayout layout;

        @Spec
        private CommandSpec spec;

        @Option(names = "--trials", paramLabel = "N", defaultValue = "1000",
                description = "Panels attacked, each with fresh keys (default: ${DEFAULT-VALUE}).")
        private int trials;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
                description = "The same seed gives the same panels, keys and figures (default: ${DEFAULT-VALUE}).")
        private long seed;

        @Option(names = "--true-count", paramLabel = "C", defaultValue = "1",
                description = "Respondents in the target group (default: ${DEFAULT-VALUE}); below js it is never "
                        + "published as such.")
        private int trueCount;

        @Option(names = "--partners", paramLabel = "P", defaultValue = "2",
                description = "Partners in the panel; with 2 or more the whole panel minus the other partners is one "
                        + "more look at the target's (default: ${DEFAULT-VALUE}).")
        private int partners;

        @Option(names = "--respondents-per-day", paramLabel = "R", defaultValue = "3",
                description = "Mean respondents per partner and day (default: ${DEFAULT-VALUE}).")
        private double respondentsPerDay;

        @Mixin
        private PerturbationOptions perturbation;

        @Mixin
        private VerboseOption verbose;

        @Override
        public Integer call() {
            positive(spec, trials, "--trials");
            positive(spec, trueCount, "--true-count");
            positive(spec, partners, "--partners");
            if (!(respondentsPerDay > 0 && respondentsPerDay <= 100)) {
                throw new ParameterException(spec.commandLine(), "--respondents-per-day must be above 0 and at most "
                        + "100, got " + respondentsPerDay);
            }
            // The streams application always uses the monotone table.
            PerturbationParameters parameters = perturbation.parameters(true);
            AttackPanel.Settings panel = AttackPanel.Settings.standard(partners, respondentsPerDay, trueCount);
            AveragingAttack attack = new AveragingAttack(new AveragingAttack.Settings(panel, parameters, trials, seed));
            PrintStream out = System.out;
            long started = System.nanoTime();
            List<AveragingAttack.Outcome> outcomes = attack.run(AveragingAttack.configurations(panel));
            attack.print(outcomes, out);
            out.printf(Locale.ROOT, "%nElapsed: %.1f s%n", (System.nanoTime() - started) / 1e9);
            out.flush();
            return 0;
        }
    }

    static int positive(CommandSpec spec, int value, String option) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
        return value;
    }

    private static int notNegative(CommandSpec spec, int value, String option) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), option + " cannot be negative, got " + value);
        }
        return value;
    }

}

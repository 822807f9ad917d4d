package org.medpulse.cli.dev;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.medpulse.chaos.ChaosOptions;
import org.medpulse.chaos.ChaosRun;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.VerboseOption;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medpulse chaos}: a game day on this machine, ending in one verdict line. */
@Command(name = "chaos",
        mixinStandardHelpOptions = true,
        header = "Game day: run MedPulse on a three-broker cluster, inject faults while a known panel flows "
                + "through it, and prove that nothing was lost or counted twice.",
        description = {
                "Starts, on this machine, a Kafka cluster of three brokers (KRaft; each broker its own JVM, both "
                        + "broker and controller; every topic, internal ones included, with 3 replicas and "
                        + "min.insync.replicas=2), the schema registry, and 'medpulse streams' as a child process "
                        + "(its own JVM and state directory, exactly-once, the API on a local port).",
                "",
                "Then it sends a known synthetic panel (two waves, June 2025 not asked about market drivers as before "
                        + "schema v2 and June 2026 asked; four partners; corrected resubmissions, duplicate deliveries "
                        + "and late older answers): partners 1 and 2 as partner CSV files through the ingest path, "
                        + "partners 3 and 4 as 'medpulse simulate' publishes them. The panel is sent "
                        + "in chunks; the faults are injected at random moments (drawn from --seed) while the streams "
                        + "application works through them. The faults:",
                "",
                "Streams kill: 'medpulse streams' is killed with SIGKILL (no shutdown, no commit) and restarted at "
                        + "once on the same state directory; --kills times.",
                "",
                "Broker kill: the broker leading the most survey-responses partitions, chosen anew each time, is "
                        + "killed with SIGKILL, stays down 5 to 15 s (at least until the controller has fenced it and "
                        + "moved its leaderships), and is restarted; the next fault waits until every partition is in "
                        + "sync again; --broker-kills times.",
                "",
                "Registry outage: the schema registry is stopped for --registry-outage seconds, then started again. "
                        + "One of the streams kills happens early in the outage, so that an instance with an empty "
                        + "schema cache meets it.",
                "",
                "Malformed partner rows: about one row in 200 of each partner file is broken (unknown practice type, "
                        + "unparseable or future date, unknown usage frequency, barrier, market driver or tool "
                        + "frequency, missing respondent, invalid wave). Ingestion must reject each one into the rejects file and publish "
                        + "none.",
                "",
                "Corrupt records, written straight to survey-responses past ingestion (bad magic byte, unknown schema "
                        + "id, Avro body cut short, blank wave and respondent, empty value, tombstone): each must be "
                        + "dead-lettered exactly once, and no valid response may be.",
                "",
                "All along, the API is asked for the waves, usage and tools. An API error is an answer that cannot "
                        + "be right, a 500, or no answer (refused, timed out, 503) still more than 60 s after the last "
                        + "fault ended (an outage that begins later may last 60 s). The documented 503 with "
                        + "Retry-After while an instance restarts is not one.",
                "",
                "At the end it waits until every record is committed, compares every API total (waves, usage, "
                        + "barriers, market drivers and tools of each wave and of each partner x practice type x "
                        + "setting, rolling usage, tool trends) with its own model of the panel (each respondent's latest response per "
                        + "wave: latest submittedAt, then the larger response id), reads the dead-letter topic by "
                        + "reason, and prints one line per fault and the verdict:",
                "",
                "  chaos: N faults injected, lost 0, double-counted 0, dead-lettered M (all malformed), API errors 0",
                "",
                "Exit code 0 when nothing was lost, double-counted or wrongly dead-lettered, every malformed input "
                        + "was rejected or dead-lettered, and there was no API error; 1 otherwise. Logs of every "
                        + "process are in the work directory, kept after a failed run (or with --keep)."},
        footerHeading = "%n",
        footer = {"Needs about 3 GB of memory; with the defaults it took 4 to 9 minutes on two busy cores.",
                "",
                "Examples:",
                "  ./medpulse chaos",
                "  ./medpulse chaos --responses 20000 --seed 7",
                "  ./medpulse chaos --responses 5000 --kills 2 --broker-kills 1 --registry-outage 30"})
public final class ChaosCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--responses", paramLabel = "N", defaultValue = "" + ChaosOptions.DEFAULT_RESPONSES,
            description = "Valid responses sent, partner files and simulator together (default: ${DEFAULT-VALUE}).")
    private long responses;

    @Option(names = "--kills", paramLabel = "K", defaultValue = "" + ChaosOptions.DEFAULT_STREAMS_KILLS,
            description = "Times the streams process is killed with SIGKILL and restarted (default: ${DEFAULT-VALUE}).")
    private int kills;

    @Option(names = "--broker-kills", paramLabel = "B", defaultValue = "" + ChaosOptions.DEFAULT_BROKER_KILLS,
            description = "Times the broker leading the most survey-responses partitions is killed with SIGKILL and "
                    + "restarted (default: ${DEFAULT-VALUE}).")
    private int brokerKills;

    @Option(names = "--registry-outage", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the schema registry is stopped; 0: never (default: ${DEFAULT-VALUE}).")
    private long registryOutage;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the panel, the malformed input and the moments of the faults; the same seed "
                    + "gives the same run, up to the machine's timing (default: a random one, printed).")
    private Long seed;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".medpulse/chaos",
            description = "Brokers' data, streams state, partner files and logs; emptied at start (default: "
                    + "${DEFAULT-VALUE}).")
    private Path workDir;

    @Option(names = "--keep", description = "Keep the work directory after a successful run too.")
    private boolean keep;

    @Override
    public Integer call() throws Exception {
        if (responses < 100) {
            throw new ParameterException(spec.commandLine(), "--responses must be at least 100, got " + responses);
        }
        if (kills < 0 || brokerKills < 0 || registryOutage < 0) {
            throw new ParameterException(spec.commandLine(), "--kills, --broker-kills and --registry-outage must not be "
                    + "negative");
        }
        quietRegistryLog();
        long runSeed = seed != null ? seed : new SecureRandom().nextInt(1_000_000);
        ChaosOptions options = ChaosOptions.defaults(MedPulseCommand.class.getName(), runSeed)
                .withResponses(responses)
                .withKills(kills, brokerKills)
                .withRegistryOutage(Duration.ofSeconds(registryOutage))
                .withWorkDirectory(workDir, keep);
        ChaosRun.Outcome outcome = new ChaosRun(options, spec.commandLine().getOut()).run();
        return outcome.passed() ? 0 : 1;
    }

    /**
     * The registry runs in this process and logs each start at INFO, and its admin client logs at
     * ERROR the "unknown topic" answers it waits through while _schemas is created; the game day's
     * own lines say more.
     */
    private static void quietRegistryLog() {
        quiet("org.medpulse.devstack", ch.qos.logback.classic.Level.WARN);
        quiet("org.apache.kafka.clients.admin.internals.PartitionLeaderStrategy", ch.qos.logback.classic.Level.OFF);
    }

    private static void quiet(String name, ch.qos.logback.classic.Level level) {
        if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(level);
        }
    }
}

package org.medpulse.cli.dev;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.medpulse.cli.dev.StopSignal;
import org.medpulse.cli.dev.demo.Demo;
import org.medpulse.cli.dev.demo.DemoOptions;
import org.medpulse.cli.dev.demo.DemoPanel;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.streams.state.WaveSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medpulse demo}: the whole system with a simulated panel, in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run the whole of MedPulse on a simulated panel: the quickest way to see it work.",
        description = {
                "Starts, in this process, the local stack (a real Kafka broker and a schema registry), the "
                        + "streams application with its API and dashboard on --port, and loads a simulated "
                        + "panel of three waves: 2024-06, 2025-06 and 2026-06, calibrated to the study "
                        + "MedPulse starts from, with corrections and redeliveries as partners send them. "
                        + "Then it keeps a live trickle of new and corrected responses flowing into the "
                        + "current wave (2026-06), so the dashboard moves.",
                "",
                "The waves are generated from fixed seeds: every start publishes the same responses, and "
                        + "on a data directory that already holds them the totals stay the same (a redelivered "
                        + "response is counted once). Live responses are kept too.",
                "",
                "Runs until Ctrl-C or SIGTERM, then stops everything cleanly.",
        },
        footerHeading = "%n",
        footer = {
                "Examples:",
                "  ./medpulse demo",
                "  ./medpulse demo --port 9000 --respondents 1000 --rate 10/s",
                "  ./medpulse demo --data-dir /tmp/medpulse-demo --no-trickle",
        })
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private StackLocationOptions location;

    private int port = DemoOptions.DEFAULT_HTTP_PORT;
    private int respondents = DemoOptions.DEFAULT_RESPONDENTS;
    private double rate = DemoOptions.DEFAULT_TRICKLE_RATE;

    @Option(names = "--no-trickle", description = "Load the waves, then send no live responses.")
    private boolean noTrickle;

    private final Supplier<StopSignal> stopSignals;
    private volatile Demo running;

    /** As the launcher runs it: stops on Ctrl-C or SIGTERM. */
    public DemoCommand() {
        this(StopSignal::onInterruptOrTerminate);
    }

    /** Stops when the {@link StopSignal} from {@code stopSignals} fires (tests). */
    DemoCommand(Supplier<StopSignal> stopSignals) {
        this.stopSignals = stopSignals;
    }

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DemoOptions.DEFAULT_HTTP_PORT,
            description = "Port of the dashboard and the API (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    void port(int value) {
        port = StackLocationOptions.checkPort(spec, value, "--port");
    }

    @Option(names = "--respondents", paramLabel = "N", defaultValue = "" + DemoOptions.DEFAULT_RESPONDENTS,
            description = "Respondents per wave (default: ${DEFAULT-VALUE}).")
    void respondents(int value) {
        if (value < 1 || value > 1_000_000) {
            throw new ParameterException(spec.commandLine(),
                    "--respondents must be between 1 and 1000000, got " + value);
        }
        respondents = value;
    }

    @Option(names = "--rate", paramLabel = "R/s", defaultValue = "2/s",
            converter = org.medpulse.cli.options.RateConverter.class,
            description = "Live responses per second into the current wave (default: ${DEFAULT-VALUE}).")
    void rate(double value) {
        rate = value;
    }



    /** The demo while it runs (tests look at its stores); null before and after. */
    Demo running() {
        return running;
    }

    @Override
    public Integer call() throws InterruptedException {
        DemoOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting the MedPulse demo (data in " + location.dataDirectory().toAbsolutePath().normalize() + ")...");
        out.flush();
        try (StopSignal stop = stopSignals.get();
             Demo demo = Demo.start(options)) {
            Thread closeOnExit = new Thread(demo::close, "medpulse-demo-shutdown");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            try {
                printAddresses(demo, out);
                load(demo, out);
                running = demo;
                demo.startTrickle();
                out.println(options.trickle()
                        ? String.format(Locale.ROOT, "Live: %s new and corrected responses a second into wave %s.",
                                formatRate(options.trickleRate()), DemoPanel.CURRENT_WAVE)
                        : "No live responses (--no-trickle).");
                out.println("MedPulse demo is running: open " + demo.dashboardUrl() + " . Press Ctrl-C to stop.");
                out.flush();
                stop.await();
            } finally {
                running = null;
                out.println("Stopping the MedPulse demo...");
                out.flush();
                StackLocationOptions.removeShutdownHook(closeOnExit);
            }
        }
        out.println("Stopped.");
        out.flush();
        return 0;
    }

    private DemoOptions options() {
        int[] fixed = {port, location.kafkaPort(), location.registryPort()};
        for (int i = 0; i < fixed.length; i++) {
            for (int j = i + 1; j < fixed.length; j++) {
                if (fixed[i] != 0 && fixed[i] == fixed[j]) {
                    throw new ParameterException(spec.commandLine(),
                            "--port, --kafka-port and --registry-port must differ, two are " + fixed[i]);
                }
            }
        }
        return DemoOptions.defaults()
                .withDataDirectory(location.dataDirectory())
                .withHttpPort(port)
                .withKafkaPort(location.kafkaPort())
                .withRegistryPort(location.registryPort())
                .withRespondents(respondents)
                .withTrickleRate(noTrickle ? 0 : rate);
    }

    private static void printAddresses(Demo demo, PrintWriter out) {
        out.println("Dashboard:               " + demo.dashboardUrl());
        out.println("API:                     " + demo.apiBase());
        out.println("Kafka bootstrap servers: " + demo.bootstrapServers());
        out.println("Schema registry URL:     " + demo.registryUrl());
        out.flush();
    }

    private static void load(Demo demo, PrintWriter out) {
        out.println("Loading the simulated panel (" + String.join(", ", DemoPanel.WAVES) + ")...");
        out.flush();
        demo.loadWaves();
        demo.awaitProcessed(LOAD_TIMEOUT);
        for (Map.Entry<String, WaveSummary> wave : demo.waves().entrySet()) {
            out.printf(Locale.ROOT, "  wave %s: %,d respondents (%s to %s)%n", wave.getKey(),
                    wave.getValue().respondents(), wave.getValue().firstSubmittedAt(),
                    wave.getValue().lastSubmittedAt());
        }
        out.flush();
    }

    private static String formatRate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
    }


}

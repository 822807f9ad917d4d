package org.medpulse.cli.dev;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.medpulse.cli.dev.StopSignal;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.cluster.LocalCluster;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.cluster.ProjectTopics.TopicSetup;
import org.medpulse.devstack.stack.LocalStack;
import org.medpulse.devstack.stack.LocalStackOptions;
import org.medpulse.schemas.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code medpulse stack}: runs the local platform in the foreground until Ctrl-C or SIGTERM.
 */
@Command(name = "stack",
        mixinStandardHelpOptions = true,
        header = "Run the local MedPulse platform: a real Kafka broker and a schema registry.",
        description = {
                "Starts, in this process, an Apache Kafka broker (KRaft, single node, combined broker "
                        + "and controller) and a Confluent-compatible schema registry, and creates the "
                        + "MedPulse topics if they are missing: " + Topics.SURVEY_RESPONSES + ", "
                        + Topics.SURVEY_RESPONSES_DLQ + " and " + Topics.TOOL_CATALOGUE + " (compacted); "
                        + "the registry keeps its schemas in " + Topics.SCHEMAS + ".",
                "",
                "Everything (messages, topics, schemas) is kept in the data directory, so the next "
                        + "start finds it again. Delete the directory to start afresh.",
                "",
                "Runs until Ctrl-C or SIGTERM, then stops cleanly.",
        },
        footerHeading = "%n",
        footer = {
                "The other medpulse commands connect here by default:",
                "  --bootstrap " + LocalCluster.BOOTSTRAP_SERVERS + " --registry " + LocalCluster.REGISTRY_URL,
                "",
                "Examples:",
                "  ./medpulse stack",
                "  ./medpulse stack --data-dir /tmp/demo --kafka-port 0 --registry-port 0",
        })
public final class StackCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Mixin
    private StackLocationOptions location;

    private int surveyResponsePartitions = ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS;

    private final Supplier<StopSignal> stopSignals;

    /** As the launcher runs it: stops on Ctrl-C or SIGTERM. */
    public StackCommand() {
        this(StopSignal::onInterruptOrTerminate);
    }

    /** Stops when the {@link StopSignal} from {@code stopSignals} fires (tests). */
    StackCommand(Supplier<StopSignal> stopSignals) {
        this.stopSignals = stopSignals;
    }



    @Option(names = "--survey-partitions", paramLabel = "N", defaultValue = "" + ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS,
            description = "Partitions of " + Topics.SURVEY_RESPONSES + " when the stack creates it "
                    + "(default: ${DEFAULT-VALUE}); an existing topic keeps its own.")
    void surveyResponsePartitions(int partitions) {
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--survey-partitions must be at least 1, got " + partitions);
        }
        surveyResponsePartitions = partitions;
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalStackOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("Starting the MedPulse local stack (data in " + location.dataDirectory().toAbsolutePath().normalize() + ")...");
        out.flush();
        try (StopSignal stop = stopSignals.get();
             LocalStack stack = LocalStack.start(options)) {
            Thread closeOnExit = new Thread(stack::close, "medpulse-stack-shutdown");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            report(stack, out, err);
            try {
                stop.await();
            } finally {
                out.println("Stopping the MedPulse local stack...");
                out.flush();
                StackLocationOptions.removeShutdownHook(closeOnExit);
            }
        }
        out.println("Stopped.");
        out.flush();
        return 0;
    }

    private LocalStackOptions options() {
        if (location.kafkaPort() != 0 && location.kafkaPort() == location.registryPort()) {
            throw new ParameterException(spec.commandLine(),
                    "--kafka-port and --registry-port must differ, both are " + location.kafkaPort());
        }
        return LocalStackOptions.defaults()
                .withDataDirectory(location.dataDirectory())
                .withKafkaPort(location.kafkaPort())
                .withRegistryPort(location.registryPort())
                .withSurveyResponsePartitions(surveyResponsePartitions);
    }

    private static void report(LocalStack stack, PrintWriter out, PrintWriter err) {
        TopicSetup topics = stack.topics();
        out.println("Kafka bootstrap servers: " + stack.bootstrapServers());
        out.println("Schema registry URL:     " + stack.registryUrl());
        out.println("Data directory:          " + stack.dataDirectory() + " (Kafka cluster " + stack.clusterId() + ")");
        printTopics(out, "Topics created:          ", topics.created());
        printTopics(out, "Topics found:            ", topics.found());
        topics.differences().forEach(difference ->
                err.println("Warning: topic " + difference + "; left as it is."));
        out.println("MedPulse local stack is running. Press Ctrl-C to stop.");
        out.flush();
        err.flush();
    }

    private static void printTopics(PrintWriter out, String label, List<String> topics) {
        if (!topics.isEmpty()) {
            out.println(label + String.join(", ", topics));
        }
    }


}

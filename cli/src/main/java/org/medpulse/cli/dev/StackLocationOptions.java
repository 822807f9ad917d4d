package org.medpulse.cli.dev;

import java.nio.file.Path;

import org.medpulse.cluster.LocalCluster;
import org.medpulse.devstack.stack.LocalStackOptions;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command runs the local stack ({@code --data-dir}, {@code --kafka-port},
 * {@code --registry-port}): declared once for {@code stack} and {@code demo}.
 */
public final class StackLocationOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the stack keeps its data (default: ${DEFAULT-VALUE} in the current directory). "
                    + "Created on first start, reused afterwards.")
    private Path dataDirectory = LocalStackOptions.DEFAULT_DATA_DIRECTORY;

    private int kafkaPort = LocalCluster.KAFKA_PORT;
    private int registryPort = LocalCluster.REGISTRY_PORT;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + LocalCluster.KAFKA_PORT,
            description = "Port of the Kafka broker (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    void kafkaPort(int port) {
        kafkaPort = checkPort(mixee, port, "--kafka-port");
    }

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "" + LocalCluster.REGISTRY_PORT,
            description = "Port of the schema registry (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    void registryPort(int port) {
        registryPort = checkPort(mixee, port, "--registry-port");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int kafkaPort() {
        return kafkaPort;
    }

    public int registryPort() {
        return registryPort;
    }

    /** {@code port} if it is one (0 = pick a free one), else a usage error naming {@code option}. */
    static int checkPort(CommandSpec command, int port, String option) {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(command.commandLine(),
                    option + " must be a port between 0 (pick a free one) and 65535, got " + port);
        }
        return port;
    }

    /** Removes a shutdown hook unless the JVM is already running it (then closing twice is harmless). */
    static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The JVM is exiting: the hook runs anyway.
        }
    }
}

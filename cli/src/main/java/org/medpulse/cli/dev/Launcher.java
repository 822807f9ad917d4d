package org.medpulse.cli.dev;

import org.medpulse.cli.MedPulseCommand;

import picocli.CommandLine;

/**
 * The full {@code medpulse} launcher behind {@code ./medpulse}: the pipeline's commands plus the
 * dev platform's ({@code stack}, {@code demo}, {@code bench}, {@code chaos}), which need the embedded broker and
 * registry. Only this package knows them, so the pipeline's jar can leave the platform out.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(MedPulseCommand.isVerbose(args)).execute(args));
    }

    /** The launcher's command line with its error handling, unexecuted (tests redirect its output). */
    public static CommandLine commandLine(boolean verbose) {
        return MedPulseCommand.commandLine(verbose, new StackCommand(), new DemoCommand(), new BenchCommand(),
                new ChaosCommand());
    }
}

package org.medpulse.cli;

import java.util.Arrays;

import org.medpulse.cli.disclosure.PtableCommand;
import org.medpulse.cli.options.CommandName;
import org.medpulse.cli.producer.DlqCommand;
import org.medpulse.cli.producer.ExportCommand;
import org.medpulse.cli.producer.IngestCommand;
import org.medpulse.cli.producer.ReplayCommand;
import org.medpulse.cli.producer.SimulateCommand;
import org.medpulse.cli.streams.StreamsCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code medpulse} command with the pipeline's own subcommands (ingest, simulate, export,
 * replay, dlq, streams, ptable): the entry point of the pipeline's jar, which carries no dev
 * platform. The full launcher ({@code org.medpulse.cli.dev.Launcher}) adds the dev platform's
 * commands through {@link #commandLine(boolean, Object...)}. Errors are printed as one line (the
 * cause chain's messages) unless {@code --verbose} is given.
 */
@Command(name = "medpulse",
        mixinStandardHelpOptions = true,
        version = "MedPulse 0.1.0",
        description = "Tracks how physicians adopt AI, from survey panels, in near real time.",
        subcommands = {
                CommandLine.HelpCommand.class,
                IngestCommand.class,
                SimulateCommand.class,
                ExportCommand.class,
                ReplayCommand.class,
                DlqCommand.class,
                StreamsCommand.class,
                PtableCommand.class,
        })
public final class MedPulseCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the pipeline's commands with {@code args} and returns the exit code (0 ok, 1 failure, 2 bad usage). */
    public static int execute(String... args) {
        return commandLine(isVerbose(args)).execute(args);
    }

    /** Whether {@code args} ask for stack traces. */
    public static boolean isVerbose(String... args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
    }

    /**
     * The command line with its error handling, unexecuted (tests redirect its output), with the
     * pipeline's subcommands and {@code more} after them.
     */
    public static CommandLine commandLine(boolean verbose, Object... more) {
        CommandLine commandLine = new CommandLine(new MedPulseCommand());
        for (Object subcommand : more) {
            commandLine.addSubcommand(subcommand);
        }
        return commandLine
                .setExecutionExceptionHandler(new OneLineErrors(verbose))
                .setParameterExceptionHandler(MedPulseCommand::usageError);
    }

    /** A bad argument: say which, point at --help, exit 2; the full usage text would bury the message. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(CommandName.of(cmd.getCommandSpec()) + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}

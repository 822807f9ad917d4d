package org.medpulse.devstack.cli;

import java.util.Arrays;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code medpulse} launcher: one entry point whose subcommands come from every module.
 * Errors are printed as one line (the cause chain's messages) unless {@code --verbose} is given.
 */
@Command(name = "medpulse",
        mixinStandardHelpOptions = true,
        version = "MedPulse 0.1.0",
        description = "Tracks how physicians adopt AI, from survey panels, in near real time.",
        subcommands = {
                CommandLine.HelpCommand.class,
                StackCommand.class,
                org.medpulse.producer.cli.IngestCommand.class,
                org.medpulse.producer.cli.SimulateCommand.class,
                org.medpulse.producer.cli.ExportCommand.class,
                org.medpulse.producer.cli.ReplayCommand.class,
                org.medpulse.streams.cli.StreamsCommand.class,
                DemoCommand.class,
                BenchCommand.class,
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

    /** Runs the launcher with {@code args} and returns the exit code (0 ok, 1 failure, 2 bad usage). */
    public static int execute(String... args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("--verbose") || a.equals("-v"));
        return commandLine(verbose).execute(args);
    }

    /** The launcher's command line with its error handling, unexecuted (tests redirect its output). */
    static CommandLine commandLine(boolean verbose) {
        return new CommandLine(new MedPulseCommand())
                .setExecutionExceptionHandler(new OneLineErrors(verbose))
                .setParameterExceptionHandler(MedPulseCommand::usageError);
    }

    /** A bad argument: say which, point at --help, exit 2; the full usage text would bury the message. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("medpulse " + cmd.getCommandName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}

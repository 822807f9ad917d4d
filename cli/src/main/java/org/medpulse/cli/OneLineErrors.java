package org.medpulse.cli;

import java.util.LinkedHashSet;
import java.util.Set;

import org.medpulse.cli.options.CommandName;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one readable line on stderr (the distinct messages of
 * its cause chain) and exit code 1 (or the exception's own, when it carries one); with {@code --verbose}, the stack trace too.
 */
public final class OneLineErrors implements IExecutionExceptionHandler {

    private final boolean verbose;

    public OneLineErrors(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println(CommandName.of(commandLine.getCommandSpec()) + ": " + describe(ex));
        if (verbose) {
            ex.printStackTrace(commandLine.getErr());
        } else {
            commandLine.getErr().println("(run again with --verbose for details)");
        }
        commandLine.getErr().flush();
        // A command's own exceptions may carry their exit code (e.g. 2 for an unusable file).
        return ex instanceof CommandLine.IExitCodeGenerator withCode ? withCode.getExitCode() : 1;
    }

    public static String describe(Throwable error) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 4; t = t.getCause()) {
            String message = t.getMessage();
            messages.add(message == null || message.isBlank() ? t.getClass().getSimpleName() : message);
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(": ", messages);
    }
}

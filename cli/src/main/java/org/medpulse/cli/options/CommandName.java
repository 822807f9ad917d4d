package org.medpulse.cli.options;

import picocli.CommandLine.Model.CommandSpec;

/**
 * How messages name a command: its full name from {@code medpulse}, e.g. {@code medpulse ingest}
 * or {@code medpulse dlq replay}, also when a test runs the command on its own.
 */
public final class CommandName {

    private static final String ROOT = "medpulse";

    private CommandName() {
    }

    public static String of(CommandSpec spec) {
        String qualified = spec.qualifiedName();
        return qualified.equals(ROOT) || qualified.startsWith(ROOT + " ") ? qualified : ROOT + " " + qualified;
    }
}

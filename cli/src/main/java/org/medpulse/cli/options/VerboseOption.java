package org.medpulse.cli.options;

import picocli.CommandLine.Option;

/**
 * {@code --verbose}: print stack traces and debug detail. Without it errors are one clear line.
 */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces and debug detail on errors.")
    private boolean verbose;

    public boolean verbose() {
        return verbose;
    }
}

package org.medpulse.cli.options;

import picocli.CommandLine;

/**
 * Arguments or input files the command cannot use: one line on stderr and exit code 2. Nothing has
 * been published when it is thrown.
 */
public final class UsageException extends RuntimeException implements CommandLine.IExitCodeGenerator {

    public static final int EXIT_CODE = 2;

    public UsageException(String message) {
        super(message);
    }

    @Override
    public int getExitCode() {
        return EXIT_CODE;
    }
}

package org.medpulse.cli.options;

import org.medpulse.streams.query.disclosure.PerturbationParameters;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --D}, {@code --V}, {@code --js}: the cell key method's perturbation table, defaulting to
 * the table the streams application uses ({@link PerturbationParameters#recommended()}), so that a
 * command that prints or attacks the table speaks of the one the public gets.
 */
public final class PerturbationOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--D", paramLabel = "D",
            description = "The largest noise: a count i is published as one of i-D..i+D (default: ${DEFAULT-VALUE}).")
    private int d = PerturbationParameters.recommended().d();

    @Option(names = "--V", paramLabel = "V",
            description = "The noise variance wanted for every original count (default: ${DEFAULT-VALUE}).")
    private double v = PerturbationParameters.recommended().v();

    @Option(names = "--js", paramLabel = "JS",
            description = "Counts 1..JS-1 are never published; 0 or 1: no threshold (default: ${DEFAULT-VALUE}). "
                    + "Destatis' ptable counts one less: its js is JS-1.")
    private int js = PerturbationParameters.recommended().js();

    /** The parameters given; a usage error, with the reason, when no table can satisfy them. */
    public PerturbationParameters parameters(boolean monotone) {
        try {
            return PerturbationParameters.of(d, v, js, monotone);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}

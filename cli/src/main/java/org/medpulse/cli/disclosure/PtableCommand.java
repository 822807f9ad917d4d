package org.medpulse.cli.disclosure;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.PerturbationOptions;
import org.medpulse.streams.query.disclosure.PerturbationParameters;
import org.medpulse.streams.query.disclosure.PerturbationRow;
import org.medpulse.streams.query.disclosure.PerturbationTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code medpulse ptable}: the perturbation table of the cell key method as a CSV on stdout, in the
 * columns of Destatis' {@code ptable}, and on stderr what the table is and which original counts
 * cannot get the variance asked for. Needs no cluster. The defaults are
 * {@link PerturbationParameters#recommended()}, which the streams application also defaults to.
 */
@Command(name = "ptable",
        mixinStandardHelpOptions = true,
        header = "Print the cell key method's perturbation table as CSV.",
        description = {
                "Builds the perturbation table that 'medpulse streams --disclosure cell-key' uses with the same "
                        + "--D, --V and --js, and prints it on stdout as CSV with the columns of Destatis' ptable: "
                        + "i (original count), j (published count), p (probability), v (noise j-i), p_int_lb and "
                        + "p_int_ub (the cell-key interval [lb, ub) that selects the line), type. The last i stands "
                        + "for every larger count. Each row is the maximum-entropy noise distribution with mean 0, "
                        + "variance at most V, |noise| <= D, no published count in 1..js-1, and zero kept at zero.",
                "",
                "On stderr: one line saying what the table is and which original counts cannot reach variance V "
                        + "(small counts next to the blocked ones may not). Parameters no table can satisfy are "
                        + "refused with the reason (exit code 2). docs/disclosure.md explains the construction."},
        footerHeading = "%nExamples:%n",
        footer = {"  medpulse ptable                           # the defaults: D=5, V=3, js=3",
                "  medpulse ptable --D 5 --V 5 --js 4 > ptable.csv"})
public final class PtableCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PerturbationOptions perturbation;

    @Option(names = "--monotone", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Destatis' mono: towards zero noise the probabilities never decrease on the negative side "
                    + "(default: yes; the streams application always uses the monotone table).")
    private boolean monotone = true;

    @Override
    public Integer call() {
        PerturbationTable table = PerturbationTable.build(perturbation.parameters(monotone));
        PrintWriter out = spec.commandLine().getOut();
        out.print(table.toCsv());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println(summary(table));
        err.flush();
        return 0;
    }

    /** What the table is, and the rows whose variance falls short of V, with the variance they get. */
    static String summary(PerturbationTable table) {
        PerturbationParameters p = table.parameters();
        int last = p.symmetryCount();
        String blocked = switch (p.blocked()) {
            case 0 -> "no count blocked";
            case 1 -> "count 1 never published";
            default -> "counts 1.." + p.blocked() + " never published";
        };
        String what = String.format(Locale.ROOT, "ptable D=%d V=%s js=%d%s: rows i=0..%d (i=%d serves every count >= %d), "
                        + "%s; ",
                p.d(), plain(p.v()), p.js(), p.monotone() ? " monotone" : " not monotone", last, last, last, blocked);
        List<Integer> missing = table.rowsMissingTargetVariance();
        if (missing.isEmpty()) {
            return what + "every original count >= 1 gets variance V=" + plain(p.v());
        }
        String rows = missing.stream()
                .map(i -> {
                    PerturbationRow row = table.rowFor(i);
                    return String.format(Locale.ROOT, "%d (variance %.4f)", i, row.variance());
                })
                .collect(Collectors.joining(", "));
        return what + "original count" + (missing.size() == 1 ? " " : "s ") + rows + " cannot reach variance V="
                + plain(p.v()) + "; every other count >= 1 gets it";
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

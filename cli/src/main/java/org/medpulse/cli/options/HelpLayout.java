package org.medpulse.cli.options;

import picocli.CommandLine.Command;

/**
 * How every command's help is laid out (options in declaration order, blank lines between the
 * sections, the terminal's width), declared once: a command mixes it in
 * ({@code @Mixin HelpLayout layout}) and picocli applies these attributes to it.
 */
@Command(sortOptions = false,
        usageHelpAutoWidth = true,
        headerHeading = "%n",
        synopsisHeading = "%nUsage: ",
        descriptionHeading = "%n",
        parameterListHeading = "%nParameters:%n",
        optionListHeading = "%nOptions:%n")
public final class HelpLayout {
}

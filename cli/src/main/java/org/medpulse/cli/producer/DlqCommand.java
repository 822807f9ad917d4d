package org.medpulse.cli.producer;

import org.medpulse.cli.options.HelpLayout;
import org.medpulse.schemas.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code medpulse dlq}: the dead letters' subcommands, {@code list} and {@code replay}. */
@Command(name = "dlq",
        mixinStandardHelpOptions = true,
        header = "List the dead letters in '" + Topics.SURVEY_RESPONSES_DLQ + "' and replay chosen ones.",
        description = {
                "The streams application sends a record it cannot read (not the wire format, an unknown schema "
                        + "id, corrupt bytes) or cannot count (an empty wave or respondent, a key that does not "
                        + "name its respondent) to '" + Topics.SURVEY_RESPONSES_DLQ + "', with its original key, "
                        + "value and headers, plus __streams.errors.* headers naming the exception, its message "
                        + "and stack trace, and the topic, partition and offset it was read from. (A schema "
                        + "registry that cannot answer is waited out, not dead-lettered.)",
                "",
                "'dlq list' shows them with their reasons; once the cause is fixed, 'dlq replay' republishes "
                        + "chosen ones to '" + Topics.SURVEY_RESPONSES + "' with their original bytes. Both read "
                        + "the topic as bytes: neither needs the schema registry."},
        subcommands = {DlqListCommand.class, DlqReplayCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  medpulse dlq list",
                "  medpulse dlq list --reason 'unknown schema id' --json",
                "  medpulse dlq replay --offsets 3,7,9 --dry-run",
                "  medpulse dlq replay --reason 'unknown schema id'"})
public final class DlqCommand {

    @Mixin
    private HelpLayout layout;
}

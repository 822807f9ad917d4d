package org.medpulse.cli.producer;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.UsageException;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.producer.deadletter.DeadLetterFormat;
import org.medpulse.producer.deadletter.DeadLetterRequestException;
import org.medpulse.producer.deadletter.DeadLetterScan;
import org.medpulse.producer.deadletter.DeadLetterSelection;
import org.medpulse.producer.deadletter.DeadLetterTopic;
import org.medpulse.schemas.Topics;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code medpulse dlq list}: the dead letters, one line each (or JSON Lines), read without a trace. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        header = "List the dead letters, one line each, with their reasons.",
        description = {
                "Reads the dead-letter topic from the beginning up to its end offsets at the time of the call "
                        + "(committed records only), prints the dead letters selected, then stops. It joins no "
                        + "consumer group, commits nothing and changes nothing on the cluster.",
                "",
                "Each line shows the dead letter's offset (PARTITION:OFFSET outside partition 0), its timestamp "
                        + "(when it was dead-lettered: the topic stamps LogAppendTime), where the failed record "
                        + "was read (topic:partition:offset), its key and the reason (exception and message); "
                        + "'[replay of ...]' marks a replayed record that failed again. --json writes one JSON "
                        + "object per line instead, with the full exception class name and the stack trace."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  medpulse dlq list",
                "  medpulse dlq list --reason 'unknown schema id' --from-offset 100",
                "  medpulse dlq list --json | jq -r .reason | sort | uniq -c"})
public final class DlqListCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Only dead letters whose exception class or message contains TEXT (ignoring case).")
    private String reason;

    @Option(names = "--from-offset", paramLabel = "N", description = "Only dead letters at offset N or later.")
    private Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "N", description = "Only dead letters at offset N or earlier.")
    private Long toOffset;

    @Option(names = "--json", description = "Write JSON Lines (one object per dead letter) instead of aligned lines.")
    private boolean json;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "The dead-letter topic (default: ${DEFAULT-VALUE}).")
    private String topic = Topics.SURVEY_RESPONSES_DLQ;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        return CommandSupport.run(spec, () -> {
            DeadLetterSelection selection = selection();
            PrintWriter out = spec.commandLine().getOut();
            boolean[] headerShown = {false};
            DeadLetterScan scan;
            try (DeadLetterTopic deadLetters = new DeadLetterTopic(
                    CommandSupport.deadLetterConsumers.apply(connection.clientProperties()), topic,
                    connection.bootstrapServers())) {
                scan = deadLetters.read(selection, deadLetter -> {
                    if (json) {
                        out.println(DeadLetterFormat.json(deadLetter));
                        return;
                    }
                    if (!headerShown[0]) {
                        out.println(DeadLetterFormat.header());
                        headerShown[0] = true;
                    }
                    out.println(DeadLetterFormat.line(deadLetter));
                });
            } catch (DeadLetterRequestException e) {
                throw new UsageException(e.getMessage());
            }
            if (!json) {
                out.println(summary(scan, selection));
            }
            out.flush();
            return CommandSupport.OK;
        });
    }

    private DeadLetterSelection selection() {
        try {
            DeadLetterSelection selection = DeadLetterSelection.all().between(fromOffset, toOffset);
            return reason == null ? selection : selection.withReason(reason);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String summary(DeadLetterScan scan, DeadLetterSelection selection) {
        String where = "'" + scan.topic() + "' (" + scan.describeOffsets() + ")";
        if (scan.empty()) {
            return "'" + scan.topic() + "' holds no dead letter";
        }
        if (selection.isAll()) {
            return plural(scan.selected()) + " in " + where;
        }
        return scan.selected() == 0 ? "no dead letter in " + where + " matches " + selection.describe()
                : plural(scan.selected()) + " of " + where + (scan.selected() == 1 ? " matches " : " match ")
                        + selection.describe();
    }

    private static String plural(long count) {
        return count + (count == 1 ? " dead letter" : " dead letters");
    }
}

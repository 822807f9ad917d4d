package org.medpulse.cli.producer;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.UsageException;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.producer.deadletter.DeadLetterHeaders;
import org.medpulse.producer.deadletter.DeadLetterId;
import org.medpulse.producer.deadletter.DeadLetterReplayer;
import org.medpulse.producer.deadletter.DeadLetterRequestException;
import org.medpulse.producer.deadletter.DeadLetterSelection;
import org.medpulse.producer.deadletter.DeadLetterTopic;
import org.medpulse.producer.deadletter.ReplayResult;
import org.medpulse.producer.deadletter.ReplayTarget;
import org.medpulse.producer.deadletter.ReplayedLetter;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.SendFailure;
import org.medpulse.schemas.Topics;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code medpulse dlq replay}: republishes chosen dead letters with their original bytes. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        header = "Republish chosen dead letters, once their cause is fixed, with their original key and value.",
        description = {
                "Republishes the dead letters chosen with --offsets, --reason or --all to '"
                        + Topics.SURVEY_RESPONSES + "' (or --to TOPIC, or each one's source topic with "
                        + "--to-source-topic): the original key and value bytes, the original record's own "
                        + "headers, and the header " + DeadLetterHeaders.REPLAYED_FROM + "=TOPIC:PARTITION:OFFSET "
                        + "naming the dead letter. Idempotent producer, acks=all; it prints each dead letter "
                        + "replayed and where it went, once the broker has acknowledged it.",
                "",
                "Replaying is idempotent for the pipeline: a response keeps its response id, and the streams "
                        + "application keeps each respondent's latest response per wave (latest submittedAt, "
                        + "then the larger responseId), so a response replayed twice, or one that got through "
                        + "another way, counts once, and one older than the respondent's latest changes nothing. "
                        + "A dead letter whose cause is not fixed is dead-lettered again, marked "
                        + "'[replay of ...]' in 'dlq list'.",
                "",
                "Dead letters named with --offsets are all looked up before anything is sent: if one does not "
                        + "exist, nothing is replayed. The dead letters stay in the dead-letter topic."},
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  every dead letter selected was replayed (or, with --dry-run, would be)",
                "  1  some sends failed (listed on stderr), or Kafka could not be reached",
                "  2  nothing was replayed: an offset names no dead letter, nothing matches,",
                "     a topic is missing, or the arguments are wrong",
                "",
                "Examples:",
                "  medpulse dlq replay --offsets 3,7,9 --dry-run",
                "  medpulse dlq replay --reason 'unknown schema id'",
                "  medpulse dlq replay --all --from-offset 120 --to-source-topic"})
public final class DlqReplayCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nWhich dead letters (one of):%n")
    private Choice choice;

    static final class Choice {

        @Option(names = "--offsets", paramLabel = "OFFSET", split = ",", required = true,
                converter = DeadLetterIdConverter.class,
                description = "These dead letters: offsets as 'dlq list' shows them, comma-separated "
                        + "(PARTITION:OFFSET outside partition 0).")
        private List<DeadLetterId> offsets;

        @Option(names = "--reason", paramLabel = "TEXT", required = true,
                description = "Those whose exception class or message contains TEXT (ignoring case).")
        private String reason;

        @Option(names = "--all", required = true, description = "Every dead letter.")
        private boolean all;
    }

    @Option(names = "--from-offset", paramLabel = "N",
            description = "With --reason or --all: only dead letters at offset N or later.")
    private Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "N",
            description = "With --reason or --all: only dead letters at offset N or earlier.")
    private Long toOffset;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nWhere to (one of):%n")
    private Destination destination;

    static final class Destination {

        @Option(names = "--to", paramLabel = "TOPIC", required = true,
                description = "Republish to TOPIC (default: " + Topics.SURVEY_RESPONSES + ").")
        private String topic;

        @Option(names = "--to-source-topic", required = true,
                description = "Republish each dead letter to the topic it was read from ("
                        + DeadLetterHeaders.SOURCE_TOPIC + ").")
        private boolean sourceTopic;
    }

    @Option(names = "--dry-run", description = "Print what would be replayed and publish nothing.")
    private boolean dryRun;

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
            ReplayTarget target = target();
            Properties properties = connection.clientProperties();
            ReplayResult result;
            try (DeadLetterTopic deadLetters = new DeadLetterTopic(CommandSupport.deadLetterConsumers.apply(properties),
                    topic, connection.bootstrapServers())) {
                DeadLetterReplayer replayer = new DeadLetterReplayer(deadLetters, target);
                if (dryRun) {
                    result = replayer.dryRun(selection);
                } else {
                    try (Producer<byte[], byte[]> producer = CommandSupport.deadLetterProducers.apply(properties)) {
                        result = replayer.replay(selection, producer);
                    }
                }
            } catch (DeadLetterRequestException e) {
                throw new UsageException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            result.replayed().stream().map(ReplayedLetter::describe).forEach(out::println);
            String count = result.replayed().size() + (result.replayed().size() == 1 ? " dead letter" : " dead letters");
            if (dryRun) {
                out.println("dry run: " + count + " of '" + topic + "' would be replayed to " + target
                        + "; nothing was published");
            } else {
                out.println("replayed " + count + " of '" + topic + "' to " + target);
            }
            out.flush();
            return CommandSupport.reportFailures(spec, new PublishResult<>(result.replayed().size(),
                    result.failures().stream().map(f -> new SendFailure<>(
                            "dead letter " + f.source(), f.reason())).toList()));
        });
    }

    private DeadLetterSelection selection() {
        try {
            if (choice.offsets != null) {
                if (fromOffset != null || toOffset != null) {
                    throw new UsageException("--from-offset and --to-offset go with --reason or --all, not --offsets");
                }
                return DeadLetterSelection.all().withIds(new LinkedHashSet<>(choice.offsets));
            }
            DeadLetterSelection selection = DeadLetterSelection.all().between(fromOffset, toOffset);
            return choice.reason != null ? selection.withReason(choice.reason) : selection;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ReplayTarget target() {
        if (destination == null) {
            return ReplayTarget.topic(Topics.SURVEY_RESPONSES);
        }
        try {
            return destination.sourceTopic ? ReplayTarget.sourceTopic() : ReplayTarget.topic(destination.topic);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--to: " + e.getMessage());
        }
    }

    /** Reads {@code 17} or {@code 2:17}. */
    static final class DeadLetterIdConverter implements CommandLine.ITypeConverter<DeadLetterId> {

        @Override
        public DeadLetterId convert(String value) {
            try {
                return DeadLetterId.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

package org.medpulse.cli.producer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.RateConverter;
import org.medpulse.cli.options.UsageException;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.producer.archive.ReplayResult;
import org.medpulse.producer.archive.WaveReplayer;
import org.medpulse.producer.ingest.UnusableFileException;
import org.medpulse.producer.progress.Progress;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.RateLimiter;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.WaveId;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay",
        mixinStandardHelpOptions = true,
        header = "Publish archived waves (Avro files from 'medpulse export') to Kafka again.",
        description = {
                "Republishes every record of the archives to '" + Topics.SURVEY_RESPONSES + "', keyed by "
                        + "partner/respondent, with the original submittedAt as record timestamp and the same "
                        + "response ids, so replaying twice changes nothing downstream. Idempotent producer, "
                        + "acks=all; returns once every send is acknowledged.",
                "",
                "On a terminal a progress bar shows count, rate and ETA; otherwise (logs, pipes) a plain line "
                        + "is printed every 5 seconds."},
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  every record was published",
                "  1  some sends failed (listed on stderr)",
                "  2  an archive is missing or unreadable: nothing was published",
                "",
                "Examples:",
                "  medpulse replay wave-2025-06.avro",
                "  medpulse replay --rate 200/s --as-wave 2025-06-rerun wave-2025-06.avro"})
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.avro", arity = "1..*", description = "Wave archives written by 'medpulse export'.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "R/s", converter = RateConverter.class,
            description = "Publish at most R records per second (default: as fast as possible).")
    private Double rate;

    @Option(names = "--as-wave", paramLabel = "WAVE",
            description = "Publish the records under this wave id instead of their own (response ids unchanged).")
    private String asWave;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        return CommandSupport.run(spec, () -> {
            if (asWave != null) {
                WaveId.problem(asWave).ifPresent(problem -> {
                    throw new UsageException("--as-wave " + problem);
                });
            }
            long total;
            try {
                total = WaveReplayer.count(files);
            } catch (UnusableFileException e) {
                throw new UsageException(e.getMessage() + "; nothing was published");
            }
            PrintWriter console = spec.commandLine().getOut();
            ReplayResult result;
            try (Producer<String, SurveyResponse> producer = CommandSupport.producers.apply(connection.clientProperties())) {
                CommandSupport.checkReachable(producer, Topics.SURVEY_RESPONSES, connection.bootstrapServers());
                WaveReplayer replayer = WaveReplayer.of(producer, Topics.SURVEY_RESPONSES)
                        .pacedBy(rate == null ? RateLimiter.unlimited() : RateLimiter.perSecond(rate));
                if (asWave != null) {
                    replayer = replayer.asWave(asWave);
                }
                result = replayer.replay(files, Progress.to(console, Progress.isTerminal(), "replay", total));
            }
            console.printf(Locale.ROOT, "replayed %,d records from %d file(s)%s: published %,d to %s in %.1fs (%,.0f/s)%n",
                    result.records(), files.size(), asWave == null ? "" : " as wave " + asWave, result.published(),
                    Topics.SURVEY_RESPONSES, result.elapsed().toNanos() / 1e9, result.ratePerSecond());
            console.flush();
            return CommandSupport.reportFailures(spec, new PublishResult<>(result.published(), result.failures()));
        });
    }
}

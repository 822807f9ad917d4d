package org.medpulse.cli.producer;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.UsageException;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.producer.archive.ExportResult;
import org.medpulse.producer.archive.WaveExporter;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.WaveId;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export",
        mixinStandardHelpOptions = true,
        header = "Archive one wave's responses from Kafka to an Avro file.",
        description = {
                "Reads '" + Topics.SURVEY_RESPONSES + "' from the beginning up to its end offsets at the start "
                        + "of the export (committed records only; the consumer joins no group) and writes the "
                        + "responses of wave WAVE, as they are in the topic (corrections and redeliveries "
                        + "included), to an Avro object container file: schema embedded, deflate-compressed, "
                        + "with the wave, topic and export time in its metadata. Records that cannot be decoded "
                        + "are skipped and counted.",
                "",
                "The file appears only once complete. 'medpulse replay FILE' publishes it again."},
        footerHeading = "%nExample:%n",
        footer = "  medpulse export --wave 2025-06 --out wave-2025-06.avro")
public final class ExportCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--wave", required = true, paramLabel = "WAVE", description = "The wave to archive.")
    private String wave;

    @Option(names = "--out", required = true, paramLabel = "FILE.avro", description = "The archive to write (replaced if it exists).")
    private Path out;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        return CommandSupport.run(spec, () -> {
            WaveId.problem(wave).ifPresent(problem -> {
                throw new UsageException("--wave " + problem);
            });
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UsageException("cannot write " + out + ": " + parent + " is not a directory");
            }
            ExportResult result;
            try (Consumer<byte[], byte[]> consumer = WaveExporter.consumer(connection.clientProperties());
                    Deserializer<SurveyResponse> values = WaveExporter.deserializer(connection.clientProperties())) {
                result = new WaveExporter(consumer, values, Topics.SURVEY_RESPONSES).export(wave, out);
            }
            PrintWriter console = spec.commandLine().getOut();
            console.printf(Locale.ROOT, "exported %,d responses of wave %s to %s (read %,d records of %s in %.1fs)%n",
                    result.exported(), wave, out, result.scanned(), Topics.SURVEY_RESPONSES,
                    result.elapsed().toNanos() / 1e9);
            if (result.exported() == 0) {
                console.println("warning: no response of wave " + wave + " was found; the archive is empty");
            }
            if (result.undecodable() > 0) {
                console.printf(Locale.ROOT, "warning: %,d records could not be decoded as survey responses and were "
                        + "skipped%n", result.undecodable());
            }
            console.flush();
            return CommandSupport.OK;
        });
    }
}

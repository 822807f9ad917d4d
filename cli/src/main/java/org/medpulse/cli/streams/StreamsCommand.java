package org.medpulse.cli.streams;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.config.ConfigException;
import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.query.SmallCellPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code medpulse streams}: runs one instance of the streams application until SIGTERM or Ctrl-C. */
@Command(name = "streams",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the MedPulse Kafka Streams application: reads survey-responses, keeps each respondent's "
                        + "latest response per wave and aggregates usage, barriers and tools into state stores "
                        + "(exactly-once by default). Unreadable or invalid records go to survey-responses-dlq.",
                "Serves the survey query API on --port: /api/v1/... (see /openapi.json), the live stream "
                        + "/api/v1/stream, /metrics, and /health/live and /health/ready (ready = RUNNING and every "
                        + "store queryable). Any instance answers completely, asking the others for their partitions.",
                "Start several instances with the same --application-id (each its own --state-dir and --port) "
                        + "to share the partitions. Stops cleanly on SIGTERM or Ctrl-C."},
        footer = {"", "Any Kafka Streams or client setting can be given with --kafka-property, e.g.",
                "  --kafka-property num.stream.threads=2 --kafka-property processing.guarantee=at_least_once",
                "  --kafka-property medpulse.rocksdb.memory.bytes=134217728   (RocksDB memory, default 64 MiB)"})
public final class StreamsCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id; instances sharing it share the work (default: ${DEFAULT-VALUE}).")
    private String applicationId = MedPulseStreamsConfig.DEFAULT_APPLICATION_ID;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Directory of the local state stores (default: ${DEFAULT-VALUE}).")
    private Path stateDir = Path.of(".medpulse", "streams-state");

    @Option(names = "--port", paramLabel = "P",
            description = "HTTP port for health (and the query API); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port = MedPulseStreamsConfig.DEFAULT_HTTP_PORT;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host other instances reach this one at; with the port it is Kafka Streams' "
                    + "application.server (default: ${DEFAULT-VALUE}).")
    private String advertisedHost = "127.0.0.1";

    @Option(names = "--api-token", paramLabel = "T",
            description = "Require 'Authorization: Bearer T' on /api (the stream also takes ?access_token=T); "
                    + "instances send it to each other. Health, /metrics and /openapi.json stay open.")
    private String apiToken;

    @Option(names = "--min-cell-size", paramLabel = "K",
            description = "Small-cell protection: a result about fewer than K respondents shows no counts "
                    + "(default: ${DEFAULT-VALUE}).")
    private int minCellSize = SmallCellPolicy.DEFAULT_MIN_CELL_SIZE;

    @Override
    public Integer call() throws Exception {
        StreamsApplication app = StreamsApplication.start(validatedSettings());
        Thread shutdown = new Thread(app::close, "medpulse-streams-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("MedPulse streams '%s' running: http://%s:%d/health/ready (Ctrl-C to stop)%n",
                app.config().applicationId(), advertisedHost, app.httpPort());
        out.flush();
        app.terminated().join();
        app.close();
        if (app.failure() != null) {
            throw new IllegalStateException("Kafka Streams stopped after an error", app.failure());
        }
        return 0;
    }

    /**
     * The settings, checked by the configurations that declare them; a value they refuse is a
     * usage error naming the option it came from.
     */
    private StreamsSettings validatedSettings() {
        Map<String, Object> settings = settings();
        try {
            return StreamsSettings.of(settings);
        } catch (ConfigException e) {
            String option = OPTIONS.entrySet().stream()
                    .filter(o -> e.getMessage() != null && e.getMessage().contains(" " + o.getKey() + ":"))
                    .map(o -> o.getValue() + ": ").findFirst().orElse("");
            throw new ParameterException(spec.commandLine(), option + e.getMessage());
        }
    }

    /** The setting each option sets. */
    private static final Map<String, String> OPTIONS = Map.of(
            MedPulseStreamsConfig.APPLICATION_ID, "--application-id",
            MedPulseStreamsConfig.STATE_DIR, "--state-dir",
            MedPulseStreamsConfig.HTTP_PORT, "--port",
            MedPulseStreamsConfig.ADVERTISED_HOST, "--advertised-host",
            SurveyApiConfig.MIN_CELL_SIZE, "--min-cell-size");

    /** The CLI options as settings; {@code --kafka-property} entries win. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.APPLICATION_ID, applicationId);
        settings.put(MedPulseStreamsConfig.STATE_DIR, stateDir.toString());
        settings.put(MedPulseStreamsConfig.HTTP_PORT, port);
        settings.put(MedPulseStreamsConfig.ADVERTISED_HOST, advertisedHost);
        settings.put(SurveyApiConfig.MIN_CELL_SIZE, minCellSize);
        if (apiToken != null) {
            settings.put(SurveyApiConfig.API_TOKEN, apiToken);
        }
        connection.clientProperties().forEach((key, value) -> settings.put((String) key, value));
        return settings;
    }
}

package org.medpulse.cli.streams;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
import org.medpulse.streams.query.DisclosureBlock;
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
                "  --kafka-property num.stream.threads=2 --kafka-property commit.interval.ms=500",
                "  --kafka-property medpulse.rocksdb.memory.bytes=134217728   (RocksDB memory, default 64 MiB)"})
public final class StreamsCommand implements Callable<Integer> {

    /** The environment variable API tokens may come from, as 'audience:token' entries. */
    public static final String ENV_TOKENS = "MEDPULSE_API_TOKENS";

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

    @Option(names = "--http-host", paramLabel = "HOST",
            description = "Address the HTTP server binds to (default: ${DEFAULT-VALUE}, this machine only). Another "
                    + "address needs audiences: --api-tokens-file, MEDPULSE_API_TOKENS or --disclosure.")
    private String httpHost = "127.0.0.1";

    @Option(names = "--api-tokens-file", paramLabel = "FILE",
            description = "API tokens, one '<audience> <token>' a line (audience analyst or public). Analysts get exact "
                    + "figures with small-cell suppression, the public the --disclosure method. The environment variable "
                    + ENV_TOKENS + " may hold more, as 'audience:token' entries separated by commas.")
    private Path apiTokensFile;

    @Option(names = "--require-token",
            description = "Refuse /api requests without a token (401). Otherwise they get the public's figures when "
                    + "audiences are configured, and everyone's as before when nothing is.")
    private boolean requireToken;

    @Option(names = "--disclosure", paramLabel = "METHOD",
            description = "How the public's figures are published: suppress (exact counts, small cells hidden; the "
                    + "default) or cell-key (every count perturbed by the cell key method; docs/disclosure.md).")
    private String disclosure;

    @Option(names = "--D", paramLabel = "D", description = "cell-key: the largest noise (default 5).")
    private Integer d;

    @Option(names = "--V", paramLabel = "V", description = "cell-key: the noise variance (default 3).")
    private Double v;

    @Option(names = "--js", paramLabel = "JS", description = "cell-key: counts 1..JS-1 are never published (default 3).")
    private Integer js;

    @Option(names = "--api-token", paramLabel = "T", hidden = true,
            description = "Refused: a token on the command line shows in ps. Use --api-tokens-file or " + ENV_TOKENS + ".")
    private String apiToken;

    @Option(names = "--min-cell-size", paramLabel = "K",
            description = "Small-cell protection: a result about fewer than K respondents shows no counts, and a "
                    + "free-text tool name fewer than K respondents of a wave gave is never shown (default: ${DEFAULT-VALUE}).")
    private int minCellSize = SmallCellPolicy.DEFAULT_MIN_CELL_SIZE;

    /** Where {@value #ENV_TOKENS} is read from; the process environment but in tests. */
    Map<String, String> environment = System.getenv();

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
        if (apiToken != null) {
            throw new ParameterException(spec.commandLine(), "--api-token is no longer accepted: a token on the command "
                    + "line shows in ps. Put 'analyst " + "<token>' in a file given with --api-tokens-file, or set "
                    + ENV_TOKENS + "=analyst:<token>");
        }
        if ((d != null || v != null || js != null) && !DisclosureBlock.CELL_KEY.equals(disclosure)) {
            throw new ParameterException(spec.commandLine(), "--D, --V and --js set the cell key method: give them with "
                    + "--disclosure cell-key");
        }
        Map<String, Object> settings = settings();
        try {
            return StreamsSettings.of(settings);
        } catch (ConfigException e) {
            String message = String.valueOf(e.getMessage());
            String option = OPTIONS.entrySet().stream()
                    .filter(o -> message.contains(" " + o.getKey() + ":"))
                    .map(o -> o.getValue() + ": ").findFirst().orElse("");
            throw new ParameterException(spec.commandLine(), option + inOptionTerms(message));
        }
    }

    /** The setting each option sets. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry(MedPulseStreamsConfig.APPLICATION_ID, "--application-id"),
            Map.entry(MedPulseStreamsConfig.STATE_DIR, "--state-dir"),
            Map.entry(MedPulseStreamsConfig.HTTP_PORT, "--port"),
            Map.entry(MedPulseStreamsConfig.ADVERTISED_HOST, "--advertised-host"),
            Map.entry(MedPulseStreamsConfig.HTTP_HOST, "--http-host"),
            Map.entry(SurveyApiConfig.MIN_CELL_SIZE, "--min-cell-size"),
            Map.entry(SurveyApiConfig.API_TOKENS_FILE, "--api-tokens-file"),
            Map.entry(SurveyApiConfig.DISCLOSURE, "--disclosure"),
            Map.entry(SurveyApiConfig.CELL_KEY_D, "--D"),
            Map.entry(SurveyApiConfig.CELL_KEY_V, "--V"),
            Map.entry(SurveyApiConfig.CELL_KEY_JS, "--js"));

    /** The CLI options as settings; {@code --kafka-property} entries win. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.APPLICATION_ID, applicationId);
        settings.put(MedPulseStreamsConfig.STATE_DIR, stateDir.toString());
        settings.put(MedPulseStreamsConfig.HTTP_PORT, port);
        settings.put(MedPulseStreamsConfig.ADVERTISED_HOST, advertisedHost);
        settings.put(MedPulseStreamsConfig.HTTP_HOST, httpHost);
        settings.put(SurveyApiConfig.MIN_CELL_SIZE, minCellSize);
        if (apiTokensFile != null) {
            settings.put(SurveyApiConfig.API_TOKENS_FILE, apiTokensFile.toString());
        }
        String tokens = environment.get(ENV_TOKENS);
        if (tokens != null && !tokens.isBlank()) {
            settings.put(SurveyApiConfig.API_TOKENS, tokens);
        }
        if (requireToken) {
            settings.put(SurveyApiConfig.REQUIRE_TOKEN, true);
        }
        putIfGiven(settings, SurveyApiConfig.DISCLOSURE, disclosure);
        putIfGiven(settings, SurveyApiConfig.CELL_KEY_D, d);
        putIfGiven(settings, SurveyApiConfig.CELL_KEY_V, v);
        putIfGiven(settings, SurveyApiConfig.CELL_KEY_JS, js);
        connection.clientProperties().forEach((key, value) -> settings.put((String) key, value));
        return settings;
    }

    /** {@code message} naming the options the user gave rather than the settings they became; longest names first. */
    private static String inOptionTerms(String message) {
        String translated = message;
        List<Map.Entry<String, String>> byLength = new ArrayList<>(OPTIONS.entrySet());
        byLength.add(Map.entry(SurveyApiConfig.API_TOKENS, ENV_TOKENS));
        byLength.sort(Comparator.comparingInt((Map.Entry<String, String> o) -> o.getKey().length()).reversed());
        for (Map.Entry<String, String> option : byLength) {
            translated = translated.replace(option.getKey(), option.getValue());
        }
        return translated;
    }

    private static void putIfGiven(Map<String, Object> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, value);
        }
    }
}

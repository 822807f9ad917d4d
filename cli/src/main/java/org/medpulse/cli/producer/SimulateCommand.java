package org.medpulse.cli.producer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.InstantConverter;
import org.medpulse.cli.options.RateConverter;
import org.medpulse.cli.options.UsageException;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.producer.ingest.PartnerCsvWriter;
import org.medpulse.producer.progress.Progress;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.RateLimiter;
import org.medpulse.producer.publish.ResponsePublisher;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.producer.simulate.PanelWindow;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.WaveId;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        header = "Generate a calibrated synthetic survey panel and publish it, or write it as a partner CSV file.",
        description = {
                "The panel follows the study MedPulse starts from: about 40%% of respondents use AI several "
                        + "times a week or more and about 30%% never; specialists use it more than general "
                        + "practitioners; every user lists ADMINISTRATIVE_DOCUMENTATION; the top barriers are "
                        + "ETHICS_AND_LIABILITY, DEHUMANIZATION_OF_CARE and RELIABILITY_OF_RESULTS; tools come "
                        + "from the built-in catalogue of about twenty (ChatGPT, Nabla, Posos, Lifen, Synapse, "
                        + "Therapixel, ...), ChatGPT the most common; about half expect future help with "
                        + "administrative work and a quarter each with follow-up, diagnosis and care adaptation.",
                "",
                "Respondents are asked which market drivers push their adoption (schema v2): lack of medical "
                        + "time and repetitive tasks named most, curricula and regulation least. The study names "
                        + "these drivers but gives no figures for them: these shares are assumptions, not "
                        + "findings. --without-market-drivers simulates a panel surveyed before v2 (not asked).",
                "",
                "As in real panels, a few respondents resubmit a corrected response later (new response id, "
                        + "later submitted_at) and a few submissions are delivered twice (same response id).",
                "",
                "The same options (seed included) always give the same data. Without --from/--to, a wave "
                        + "named yyyy-MM is simulated over that month (up to now), any other wave over the "
                        + "last 7 days (which changes with the clock).",
                "",
                "Without --out, responses are published to '" + Topics.SURVEY_RESPONSES + "' (optionally at "
                        + "--rate per second, for live demos). With --out, a partner CSV file is written "
                        + "instead, which 'medpulse ingest --partner partner-1 FILE' accepts; with several "
                        + "partners, one file per partner (FILE with the partner id before the extension)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  medpulse simulate --wave 2025-06 --respondents 2000 --partners 3",
                "  medpulse simulate --wave live --respondents 500 --rate 20/s",
                "  medpulse simulate --wave 2025-06 --respondents 300 --out panel.csv && "
                        + "medpulse ingest --partner partner-1 panel.csv"})
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--wave", required = true, paramLabel = "WAVE", description = "Wave id of the simulated responses.")
    private String wave;

    @Option(names = "--respondents", required = true, paramLabel = "N", description = "Number of respondents.")
    private int respondents;

    @Option(names = "--partners", paramLabel = "K", description = "Number of panel partners, partner-1 to partner-K "
            + "(default: ${DEFAULT-VALUE}).")
    private int partners = 1;

    @Option(names = "--from", paramLabel = "T1", converter = InstantConverter.class,
            description = "Start of the answering window: a date (UTC midnight) or date and time.")
    private Instant from;

    @Option(names = "--to", paramLabel = "T2", converter = InstantConverter.class,
            description = "End of the answering window (exclusive).")
    private Instant to;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed = PanelSettings.DEFAULT_SEED;

    @Option(names = "--rate", paramLabel = "R/s", converter = RateConverter.class,
            description = "Publish at most R responses per second (default: as fast as possible).")
    private Double rate;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write a partner CSV file instead of publishing.")
    private Path out;

    @Option(names = "--correction-share", paramLabel = "SHARE",
            description = "Share of respondents who resubmit a corrected response (default: ${DEFAULT-VALUE}).")
    private double correctionShare = PanelSettings.DEFAULT_CORRECTION_SHARE;

    @Option(names = "--duplicate-share", paramLabel = "SHARE",
            description = "Share of submissions delivered twice (default: ${DEFAULT-VALUE}).")
    private double duplicateShare = PanelSettings.DEFAULT_DUPLICATE_SHARE;

    @Option(names = "--without-market-drivers",
            description = "Do not ask about market drivers, as before schema v2: every response has none (not "
                    + "asked, rather than asked and naming none), and --out writes no market_drivers column.")
    private boolean withoutMarketDrivers;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        return CommandSupport.run(spec, () -> {
            PanelSimulator simulator = PanelSimulator.of(settings());
            return out != null ? writeCsv(simulator) : publish(simulator);
        });
    }

    private PanelSettings settings() {
        WaveId.problem(wave).ifPresent(problem -> {
            throw new UsageException("--wave " + problem);
        });
        if (respondents < 0 || partners < 1) {
            throw new UsageException("--respondents must be 0 or more and --partners 1 or more");
        }
        if ((from == null) != (to == null)) {
            throw new UsageException("give both --from and --to, or neither");
        }
        try {
            PanelWindow window = from != null ? new PanelWindow(from, to) : PanelWindow.forWave(wave, Instant.now());
            return new PanelSettings(wave, respondents, partners, window.from(), window.to(), seed,
                    correctionShare, duplicateShare).withMarketDrivers(!withoutMarketDrivers);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int writeCsv(PanelSimulator simulator) throws IOException {
        PanelSettings settings = simulator.settings();
        PrintWriter console = spec.commandLine().getOut();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Writer> outputs = new LinkedHashMap<>();
        Map<String, PartnerCsvWriter> writers = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            for (int i = 0; i < settings.partners(); i++) {
                String partnerId = settings.partnerId(i);
                Path file = settings.partners() == 1 ? out : perPartner(out, partnerId);
                Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                outputs.put(partnerId, writer);
                files.put(partnerId, file);
                writers.put(partnerId, new PartnerCsvWriter(writer, settings.asksDrivers()));
                rows.put(partnerId, 0L);
            }
            for (var iterator = simulator.deliveries().iterator(); iterator.hasNext(); ) {
                SurveyResponse response = iterator.next();
                writers.get(response.getPartnerId()).write(response);
                rows.merge(response.getPartnerId(), 1L, Long::sum);
            }
        } finally {
            for (PartnerCsvWriter writer : writers.values()) {
                writer.close();
            }
            for (Writer writer : outputs.values()) {
                writer.close();
            }
        }
        files.forEach((partnerId, file) -> console.printf(Locale.ROOT,
                "wrote %,d rows of wave %s to %s (ingest with: medpulse ingest --partner %s %s)%n",
                rows.get(partnerId), settings.wave(), file, partnerId, file));
        console.flush();
        return CommandSupport.OK;
    }

    /** {@code panel.csv} → {@code panel.partner-2.csv}. */
    static Path perPartner(Path file, String partnerId) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String perPartner = dot <= 0 ? name + "." + partnerId : name.substring(0, dot) + "." + partnerId + name.substring(dot);
        return file.resolveSibling(perPartner);
    }

    private int publish(PanelSimulator simulator) {
        PrintWriter console = spec.commandLine().getOut();
        long total = simulator.deliveries().count();
        RateLimiter limiter = rate == null ? RateLimiter.unlimited() : RateLimiter.perSecond(rate);
        long started = System.nanoTime();
        PublishResult<String> result;
        try (Producer<String, SurveyResponse> producer = CommandSupport.producers.apply(connection.clientProperties())) {
            CommandSupport.checkReachable(producer, Topics.SURVEY_RESPONSES, connection.bootstrapServers());
            ResponsePublisher<String> publisher = new ResponsePublisher<>(producer, Topics.SURVEY_RESPONSES);
            Progress progress = Progress.to(console, Progress.isTerminal(), "simulate", total);
            for (var iterator = simulator.deliveries().iterator(); iterator.hasNext(); ) {
                limiter.acquire();
                SurveyResponse response = iterator.next();
                publisher.send(response, null, response.getResponseId());
                progress.advance(1);
            }
            result = publisher.finish();
            progress.finish();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        PanelSettings settings = simulator.settings();
        console.printf(Locale.ROOT, "simulated wave %s: %,d respondents, %,d deliveries (%s to %s); published %,d to %s "
                        + "in %.1fs (%,.0f/s)%n", settings.wave(), settings.respondents(), total, settings.from(),
                settings.to(), result.acknowledged(), Topics.SURVEY_RESPONSES, elapsed.toNanos() / 1e9,
                total / Math.max(1e-9, elapsed.toNanos() / 1e9));
        return CommandSupport.reportFailures(spec, result);
    }
}

package org.medpulse.cli.producer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.options.ConnectionOptions;
import org.medpulse.cli.options.HelpLayout;
import org.medpulse.cli.options.SizeConverter;
import org.medpulse.cli.options.UsageException;
import org.medpulse.cli.options.VerboseOption;
import org.medpulse.cli.options.ZoneConverter;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.IngestSummary;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.ReadOptions;
import org.medpulse.producer.ingest.RejectsFile;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.UnusableFileException;
import org.medpulse.producer.watch.DropFolder;
import org.medpulse.producer.watch.FolderWatcher;
import org.medpulse.schemas.Topics;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        header = "Validate partner survey files and publish their responses to Kafka.",
        description = {
                "Reads CSV (UTF-8, with or without BOM; delimiter ',' or ';' detected from the header; "
                        + "RFC 4180 quoting) or JSON Lines (.jsonl, .ndjson) files, validates every row and "
                        + "publishes the valid ones to '" + Topics.SURVEY_RESPONSES + "' as Avro, keyed by "
                        + "partner/respondent, with an idempotent producer (acks=all). It returns once every "
                        + "send is acknowledged.",
                "",
                "Columns (header names are case-insensitive, order is free, unknown columns are ignored "
                        + "with a warning): response_id, respondent_id*, wave*, submitted_at*, practice_type*, "
                        + "specialty, setting, region, usage_frequency*, use_cases, barriers, future_use_cases, "
                        + "tools, market_drivers (* required). Lists are '|'-separated; tools are 'name' or "
                        + "'name:FREQUENCY' (e.g. ChatGPT:DAILY|Nabla). Symbols match case- and "
                        + "accent-insensitively (market drivers also by the study's French labels); an "
                        + "unknown symbol rejects the row. market_drivers (schema v2): an empty value means "
                        + "asked, none named; a file without the column (a JSON Lines record without the "
                        + "field, or null) was not asked.",
                "",
                "Rejected rows (and rows whose send failed) go to a rejects file, CSV with the header "
                        + "line,field,reason,raw: the physical line number (the header is line 1), the column "
                        + "at fault (empty for a malformed line), why, and the raw line. Ingestion goes on.",
                "",
                "Every row is counted: published + rejected = rows. A summary line per file gives rows, "
                        + "published, rejected, elapsed time and rows/s.",
                "",
                "Cells of the rejects file that a spreadsheet would evaluate (beginning with =, +, -, @, a "
                        + "tab or a carriage return) are written quoted behind a single quote, so that opening "
                        + "the report runs nothing.",
                "",
                "Rows without response_id get an id derived from everything they say: a correction "
                        + "within the same minute as the answer it corrects gets its own id (downstream, "
                        + "the larger id wins the tie). In one file, a row with the same respondent, wave "
                        + "and submitted_at as an earlier row but other answers is rejected, naming that "
                        + "row's line. A file dated to the minute without response ids is warned about.",
                "",
                "Files are streamed, whatever their size, up to --max-file-size; a larger file is "
                        + "unusable (exit code 2).",
                "",
                "With --watch DIR it runs until stopped (Ctrl-C), ingesting each file that appears in DIR "
                        + "once: a partner writes x.csv.part and renames it to x.csv when complete; a file "
                        + "copied into place is read once its size and modification time have stood still "
                        + "for --settle. Ingested files move to DIR/done/ with x.csv.rejects.csv and "
                        + "x.csv.summary.json beside them; unusable files (too large, links, missing columns, "
                        + "...), files with failed sends and files whose ingestion failed move to DIR/failed/ "
                        + "with x.csv.error.txt; links are never followed. A file whose ingestion kills the "
                        + "process " + FolderWatcher.MAX_ATTEMPTS + " times moves to DIR/failed/ at the next "
                        + "start. After a restart, files still in DIR are ingested; none twice, except one "
                        + "interrupted mid-way (harmless: response ids are stable)."},
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  every row was published or rejected",
                "  1  some sends failed (their rows are in the rejects file: 'not published')",
                "  2  unusable arguments or files (unreadable, not UTF-8, larger than",
                "     --max-file-size, a required column missing): nothing was published",
                "",
                "Examples:",
                "  medpulse ingest --partner acme wave-2025-06.csv",
                "  medpulse ingest --partner acme --dry-run --rejects /tmp/bad.csv wave.csv",
                "  medpulse ingest --partner acme --watch /srv/drop/acme"})
public final class IngestCommand implements Callable<Integer> {

    @Mixin
    private HelpLayout layout;

    /** How long a stop signal waits for the file in flight before the JVM exits anyway. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--partner", required = true, paramLabel = "ID",
            description = "The panel partner the files come from; becomes partnerId and part of the record key.")
    private String partner;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Partner files to ingest (.csv; .jsonl or .ndjson for JSON Lines).")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--watch", paramLabel = "DIR",
            description = "Watch DIR and ingest each file that appears in it, until stopped.")
    private Path watchDir;

    @Option(names = "--zone", paramLabel = "ZONE", converter = ZoneConverter.class,
            description = "Time zone of submitted_at values written without an offset (default: ${DEFAULT-VALUE}).")
    private ZoneId zone = IngestRules.DEFAULT_ZONE;

    @Option(names = "--rejects", paramLabel = "PATH",
            description = "Where to write the rejects file (default: FILE.rejects.csv beside each file). "
                    + "With several files, PATH must be a directory.")
    private Path rejects;

    @Option(names = "--dry-run", description = "Validate and write the rejects file, but publish nothing.")
    private boolean dryRun;

    @Option(names = "--max-file-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Largest file ingested, e.g. 512MiB, 2GiB, 100MB (default: 512MiB). A larger file is "
                    + "unusable: exit code 2, or moved to DIR/failed/ with --watch.")
    private long maxFileSize = ReadOptions.DEFAULT_MAX_FILE_SIZE;

    @Option(names = "--settle", paramLabel = "DURATION",
            description = "With --watch: how long a file copied into place (not renamed from .part) must keep "
                    + "its size and modification time before it is read (ISO-8601 duration, default: ${DEFAULT-VALUE}).")
    private Duration settle = FolderWatcher.DEFAULT_SETTLE;

    @Option(names = "--poll-interval", paramLabel = "DURATION",
            description = "With --watch: how often the folder is scanned even without file events "
                    + "(ISO-8601 duration, default: ${DEFAULT-VALUE}).")
    private Duration pollInterval = Duration.ofSeconds(1);

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        return CommandSupport.run(spec, () -> {
            if (partner.isBlank()) {
                throw new UsageException("--partner must not be blank");
            }
            return watchDir != null ? watch() : ingestFiles();
        });
    }

    private int ingestFiles() throws IOException {
        Instant startedAt = Instant.now();
        if (files.isEmpty()) {
            throw new UsageException("give at least one FILE to ingest, or --watch DIR");
        }
        if (rejects != null && files.size() > 1 && !Files.isDirectory(rejects)) {
            throw new UsageException("--rejects " + rejects + " must be a directory when several files are given");
        }
        Path rejectsParent = rejects == null ? null : rejects.toAbsolutePath().getParent();
        if (rejectsParent != null && !Files.isDirectory(rejectsParent)) {
            throw new UsageException("--rejects " + rejects + ": " + rejectsParent + " is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        // Every file is opened (and its header checked) before anything is published.
        List<PartnerFile> partnerFiles = new ArrayList<>();
        for (Path file : files) {
            try {
                partnerFiles.add(PartnerFile.open(file, ReadOptions.DEFAULT.withMaxFileSize(maxFileSize), this::warn));
            } catch (UnusableFileException e) {
                throw new UsageException(e.getMessage() + "; nothing was published");
            }
        }
        ResponseValidator validator = ResponseValidator.of(IngestRules.of(partner, zone, startedAt));
        boolean sendsFailed = false;
        try (Producer<String, SurveyResponse> producer = dryRun ? null
                : CommandSupport.producers.apply(connection.clientProperties())) {
            if (!dryRun) {
                CommandSupport.checkReachable(producer, Topics.SURVEY_RESPONSES, connection.bootstrapServers());
            }
            FileIngestion ingestion = dryRun ? FileIngestion.dryRun(validator)
                    : FileIngestion.publishing(validator, producer, Topics.SURVEY_RESPONSES);
            for (PartnerFile file : partnerFiles) {
                Path rejectsFile = rejectsFileFor(file.path());
                IngestSummary summary;
                try (RejectsFile.Writer report = RejectsFile.writer(rejectsFile)) {
                    summary = ingestion.ingest(file, report);
                    report.commit();
                }
                summary.warnings().forEach(this::warn);
                out.println(summary.describe());
                if (summary.rejected() > 0) {
                    out.println("  " + summary.rejected() + " rejected row(s) listed in " + rejectsFile);
                }
                sendsFailed |= summary.sendsFailed();
            }
        }
        out.flush();
        return sendsFailed ? CommandSupport.SENDS_FAILED : CommandSupport.OK;
    }

    private Path rejectsFileFor(Path file) {
        if (rejects == null) {
            return RejectsFile.besides(file);
        }
        return Files.isDirectory(rejects) ? rejects.resolve(file.getFileName() + RejectsFile.SUFFIX) : rejects;
    }

    private int watch() throws Exception {
        if (!files.isEmpty()) {
            throw new UsageException("--watch takes no FILE arguments");
        }
        if (dryRun || rejects != null) {
            throw new UsageException("--dry-run and --rejects do not apply to --watch (reports go beside each file)");
        }
        if (!Files.isDirectory(watchDir)) {
            throw new UsageException(watchDir + " is not a directory");
        }
        if (settle.isNegative()) {
            throw new UsageException("--settle must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        DropFolder folder;
        try {
            folder = DropFolder.at(watchDir);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        // Ctrl-C or SIGTERM: the hook asks the watcher to stop, then holds the JVM until the file in
        // flight is accounted for and the producer closed.
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean stopSignalled = new AtomicBoolean();
        AtomicReference<FolderWatcher> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            stopSignalled.set(true);
            FolderWatcher watcher = running.get();
            if (watcher != null) {
                watcher.stop();
            }
            try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "medpulse-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Producer<String, SurveyResponse> producer = CommandSupport.producers.apply(connection.clientProperties())) {
            CommandSupport.checkReachable(producer, Topics.SURVEY_RESPONSES, connection.bootstrapServers());
            IngestRules rules = IngestRules.of(partner, zone, Instant.now());
            FileIngestion ingestion = FileIngestion.publishing(ResponseValidator.of(rules), producer,
                    Topics.SURVEY_RESPONSES);
            FolderWatcher.Options options = FolderWatcher.Options.of(pollInterval).settlingFor(settle)
                    .withMaxFileSize(maxFileSize);
            FolderWatcher watcher = FolderWatcher.of(folder, ingestion, rules, options, line -> {
                out.println(line);
                out.flush();
            }, this::warn);
            running.set(watcher);
            if (stopSignalled.get()) {
                watcher.stop(); // signalled while starting up
            }
            watcher.run();
            out.println("stopped; " + watcher.ingestedFiles() + " file(s) ingested");
            out.flush();
            return watcher.sendsFailed() ? CommandSupport.SENDS_FAILED : CommandSupport.OK;
        } finally {
            finished.countDown();
            removeShutdownHook(hook);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped the watcher
        }
    }

    private void warn(String warning) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("medpulse ingest: warning: " + warning);
        err.flush();
    }
}

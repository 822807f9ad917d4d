package org.medpulse.producer.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.IngestSummary;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.RejectsFile;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.UnusableFileException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Continuous ingestion of a {@link DropFolder}: every complete delivery is ingested once, then
 * moved with its reports to {@code done/} (or {@code failed/}). Runs until {@link #stop()}; a stop
 * interrupts the file in flight between two rows, waits for its sends, and leaves the file in the
 * folder for the next start.
 */
public final class FolderWatcher {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DropFolder folder;
    private final FileIngestion ingestion;
    private final IngestRules rules;
    private final Duration pollInterval;
    private final Consumer<String> report;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Files ingested whose move failed: never ingested again by this run. */
    private final Set<FileIdentity> stranded = new HashSet<>();
    private volatile boolean stopRequested;
    private volatile WatchService watchService;
    private long ingestedFiles;
    private boolean sendsFailed;

    private FolderWatcher(DropFolder folder, FileIngestion ingestion, IngestRules rules, Duration pollInterval,
            Consumer<String> report, Clock clock) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion").stoppingWhen(() -> stopRequested);
        this.rules = Objects.requireNonNull(rules, "rules");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.report = Objects.requireNonNull(report, "report");
        this.clock = clock;
    }

    /**
     * A watcher ingesting with {@code ingestion} (which publishes or not). Each file is validated
     * with {@code rules}, the future being measured from the moment that file's ingestion starts.
     */
    public static FolderWatcher of(DropFolder folder, FileIngestion ingestion, IngestRules rules,
            Duration pollInterval, Consumer<String> report) {
        return new FolderWatcher(folder, ingestion, rules, pollInterval, report, Clock.systemUTC());
    }

    /** Watches until {@link #stop()}. Files already waiting (e.g. from before a restart) go first. */
    public void run() throws IOException {
        try {
            openWatchService();
            report.accept("watching " + folder.root().toAbsolutePath() + " for partner " + rules.partnerId()
                    + " (.csv, .jsonl, .ndjson; write x.csv.part, then rename it to x.csv)");
            while (!stopRequested) {
                processReadyFiles();
                awaitChange();
            }
        } finally {
            closeWatchService();
            stopped.countDown();
        }
    }

    /** Asks the watcher to stop; safe from any thread (e.g. a shutdown hook). */
    public void stop() {
        stopRequested = true;
        closeWatchService();
    }

    /** Waits until {@link #run()} has returned. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many deliveries this run has ingested completely. */
    public synchronized long ingestedFiles() {
        return ingestedFiles;
    }

    /** True once a delivery had rows whose send failed (it went to failed/). */
    public synchronized boolean sendsFailed() {
        return sendsFailed;
    }

    /** Ingests every delivery currently waiting; returns how many were processed. */
    public int processReadyFiles() throws IOException {
        int processed = 0;
        for (Path file : folder.readyFiles()) {
            if (stopRequested) {
                break;
            }
            FileIdentity identity = FileIdentity.of(file);
            if (identity == null || stranded.contains(identity)) {
                continue;
            }
            if (process(file, identity)) {
                processed++;
            }
        }
        return processed;
    }

    private boolean process(Path file, FileIdentity identity) {
        PartnerFile partnerFile;
        try {
            partnerFile = PartnerFile.open(file, warning -> report.accept("warning: " + warning));
        } catch (UnusableFileException e) {
            return finishFailed(file, identity, e.reason(), null);
        }
        ResponseValidator validator = ResponseValidator.of(rules.startingAt(clock.instant()));
        FileIngestion.Result result = ingestion.validatingWith(validator).ingest(partnerFile);
        IngestSummary summary = result.summary();
        summary.warnings().forEach(warning -> report.accept("warning: " + warning));
        if (!summary.complete()) {
            report.accept("stopped while ingesting " + file.getFileName()
                    + "; it stays in the folder and will be ingested again on the next start");
            return false;
        }
        if (summary.sendsFailed()) {
            synchronized (this) {
                sendsFailed = true;
            }
            String reason = summary.failedSends() + " row(s) could not be published: "
                    + result.rejects().stream().filter(r -> r.reason().startsWith("not published"))
                    .findFirst().map(r -> r.reason()).orElse("");
            return finishFailed(file, identity, reason, result);
        }
        try {
            Path destination = folder.destination(folder.done(), file);
            writeReports(destination, result);
            folder.moveTo(file, destination);
            synchronized (this) {
                ingestedFiles++;
            }
            report.accept(summary.describe() + " -> " + folder.root().relativize(destination));
            return true;
        } catch (IOException e) {
            strand(file, identity, e);
            return false;
        }
    }

    private boolean finishFailed(Path file, FileIdentity identity, String reason, FileIngestion.Result result) {
        try {
            Path destination = folder.destination(folder.failed(), file);
            if (result != null) {
                writeReports(destination, result);
            }
            Files.writeString(DropFolder.report(destination, DropFolder.ERROR_SUFFIX), reason + "\n",
                    StandardCharsets.UTF_8);
            folder.moveTo(file, destination);
            report.accept("failed: " + file.getFileName() + ": " + reason + " -> " + folder.root().relativize(destination));
            return true;
        } catch (IOException e) {
            strand(file, identity, e);
            return false;
        }
    }

    private void writeReports(Path destination, FileIngestion.Result result) throws IOException {
        RejectsFile.write(DropFolder.report(destination, RejectsFile.SUFFIX), result.rejects());
        IngestSummary summary = result.summary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", summary.file().getFileName().toString());
        json.put("partner", rules.partnerId());
        json.put("rows", summary.rows());
        json.put("published", summary.published());
        json.put("rejected", summary.rejected());
        json.put("failedSends", summary.failedSends());
        json.put("elapsedMs", summary.elapsed().toMillis());
        json.put("rowsPerSecond", Math.round(summary.rowsPerSecond()));
        json.put("warnings", summary.warnings());
        json.put("ingestedAt", clock.instant().toString());
        JSON.writeValue(DropFolder.report(destination, DropFolder.SUMMARY_SUFFIX).toFile(), json);
    }

    private void strand(Path file, FileIdentity identity, IOException e) {
        stranded.add(identity);
        report.accept("error: " + file + " was processed but could not be moved out of the folder ("
                + e.getMessage() + "); it is skipped until the next start");
    }

    private void openWatchService() {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            folder.root().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            watchService = service;
        } catch (IOException | UnsupportedOperationException e) {
            watchService = null; // polling alone still finds every file
        }
    }

    private void closeWatchService() {
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // closing only wakes the watcher up
            }
        }
    }

    /** Waits for a change in the folder, at most one poll interval (events can be lost; the scan is the truth). */
    private void awaitChange() {
        WatchService service = watchService;
        try {
            if (service == null) {
                Thread.sleep(pollInterval.toMillis());
                return;
            }
            WatchKey key = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            // stop() closed it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** A file as it was when seen: the same name with other content is another delivery. */
    private record FileIdentity(Path path, long size, FileTime modified) {
        static FileIdentity of(Path path) {
            try {
                return new FileIdentity(path, Files.size(path), Files.getLastModifiedTime(path));
            } catch (IOException e) {
                return null; // gone meanwhile
            }
        }
    }
}

package org.medpulse.producer.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.medpulse.producer.ingest.ReadOptions;
import org.medpulse.producer.ingest.Reject;
import org.medpulse.producer.ingest.RejectsFile;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.SafeWrites;
import org.medpulse.producer.ingest.UnusableFileException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Continuous ingestion of a {@link DropFolder}: every complete delivery is ingested once, then
 * moved with its reports to {@code done/} (or {@code failed/}). Runs until {@link #stop()}; a stop
 * interrupts the file in flight between two rows, waits for its sends, and leaves the file in the
 * folder for the next start.
 *
 * <p>What it finds is not trusted. A delivery that is a link is moved to {@code failed/} unread.
 * A file larger than the limit is failed unread; others are streamed. A file copied into place
 * (rather than renamed from {@code .part}) is read only once its size and modification time have
 * stood still for the settle time. Whatever goes wrong with one file (an unusable file, an I/O
 * error, even an {@link OutOfMemoryError}) sends that file to {@code failed/} and the watcher goes
 * on; a file whose ingestion kept killing the process is set aside after {@link #MAX_ATTEMPTS}
 * starts, so that the files behind it are ingested.
 */
public final class FolderWatcher {

    /** How many times a file's ingestion may start without finishing before it is moved to failed/. */
    public static final int MAX_ATTEMPTS = 3;
    /** How long a file copied into place must stand still before it is read, by default. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
    /** How long after {@code x.csv.part} went away an {@code x.csv} that appears counts as its rename. */
    private static final Duration RENAME_WINDOW = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * How the folder is watched: how often it is scanned without events, how long a file copied
     * into place must stand still before it is read (zero: read as soon as seen), and how files
     * are read (size limit; links are never followed).
     */
    public record Options(Duration pollInterval, Duration settle, ReadOptions reading) {

        public Options {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(settle, "settle");
            if (settle.isNegative()) {
                throw new IllegalArgumentException("The settle time must not be negative");
            }
            reading = ReadOptions.dropFolder(reading.maxFileSize());
        }

        /** Scans every {@code pollInterval}, reads files as soon as seen, default size limit. */
        public static Options of(Duration pollInterval) {
            return new Options(pollInterval, Duration.ZERO, ReadOptions.dropFolder(ReadOptions.DEFAULT_MAX_FILE_SIZE));
        }

        public Options settlingFor(Duration settle) {
            return new Options(pollInterval, settle, reading);
        }

        public Options withMaxFileSize(long bytes) {
            return new Options(pollInterval, settle, reading.withMaxFileSize(bytes));
        }
    }

    private final DropFolder folder;
    private final FileIngestion ingestion;
    private final IngestRules rules;
    private final Options options;
    private final Consumer<String> report;
    private final Consumer<String> warnings;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Files ingested whose move failed: never ingested again by this run. */
    private final Set<FileIdentity> stranded = new HashSet<>();
    /** Deliveries seen, as they were first seen in that state (settle check). */
    private final Map<Path, Sighting> sightings = new HashMap<>();
    /** {@code .part} files seen, by file key: a delivery with the same key was renamed from one. */
    private final Map<Object, FileIdentity> partFiles = new HashMap<>();
    /** Names whose {@code .part} file went away (watch events), and when. */
    private final Map<String, Long> partsGone = new HashMap<>();
    /** Names that appeared right after their {@code .part} file went away: renamed, complete. */
    private final Set<String> renamed = new HashSet<>();
    private volatile boolean stopRequested;
    private volatile WatchService watchService;
    private long ingestedFiles;
    private boolean sendsFailed;

    private FolderWatcher(DropFolder folder, FileIngestion ingestion, IngestRules rules, Options options,
            Consumer<String> report, Consumer<String> warnings, Clock clock) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion").stoppingWhen(() -> stopRequested);
        this.rules = Objects.requireNonNull(rules, "rules");
        this.options = Objects.requireNonNull(options, "options");
        this.report = Objects.requireNonNull(report, "report");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.clock = clock;
    }

    /**
     * A watcher ingesting with {@code ingestion} (which publishes or not), reading files as soon as
     * it sees them ({@link Options#of}); warnings go to {@code report}.
     */
    public static FolderWatcher of(DropFolder folder, FileIngestion ingestion, IngestRules rules,
            Duration pollInterval, Consumer<String> report) {
        return of(folder, ingestion, rules, Options.of(pollInterval), report, warning -> report.accept("warning: " + warning));
    }

    /**
     * A watcher ingesting with {@code ingestion} (which publishes or not). Each file is validated
     * with {@code rules}, the future being measured from the moment that file's ingestion starts.
     * What happens to each file goes to {@code report}, warnings about files to {@code warnings}.
     */
    public static FolderWatcher of(DropFolder folder, FileIngestion ingestion, IngestRules rules, Options options,
            Consumer<String> report, Consumer<String> warnings) {
        return new FolderWatcher(folder, ingestion, rules, options, report, warnings, Clock.systemUTC());
    }

    /** The same, on {@code clock} (tests of the settle time). */
    static FolderWatcher of(DropFolder folder, FileIngestion ingestion, IngestRules rules, Options options,
            Consumer<String> report, Clock clock) {
        return new FolderWatcher(folder, ingestion, rules, options, report,
                warning -> report.accept("warning: " + warning), clock);
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

    /** Ingests every delivery currently waiting and complete; returns how many were processed. */
    public int processReadyFiles() throws IOException {
        rememberPartFiles();
        List<Path> waiting = folder.readyFiles();
        sightings.keySet().retainAll(waiting);
        int processed = 0;
        for (Path file : waiting) {
            if (stopRequested) {
                break;
            }
            FileIdentity identity = FileIdentity.of(file);
            if (identity == null || stranded.contains(identity)) {
                continue;
            }
            boolean done;
            if (Files.isSymbolicLink(file)) {
                done = finishFailed(file, identity, "it is a symbolic link, which is never followed here: "
                        + "deliver the file itself");
            } else if (!settled(file, identity)) {
                continue;
            } else {
                done = process(file, identity);
            }
            if (done) {
                sightings.remove(file);
                processed++;
            }
        }
        return processed;
    }

    /** True once the file is complete: renamed from {@code .part}, or unchanged for the settle time. */
    private boolean settled(Path file, FileIdentity identity) {
        if (options.settle().isZero() || renamed.remove(file.getFileName().toString())) {
            return true;
        }
        FileIdentity part = identity.key() == null ? null : partFiles.get(identity.key());
        if (part != null && part.size() == identity.size() && part.modified().equals(identity.modified())) {
            return true;
        }
        long now = clock.millis();
        Sighting sighting = sightings.get(file);
        if (sighting == null || !sighting.identity().equals(identity)) {
            sighting = new Sighting(identity, now);
            sightings.put(file, sighting);
        }
        long settle = options.settle().toMillis();
        return now - sighting.since() >= settle || now - identity.modified().toMillis() >= settle;
    }

    private record Sighting(FileIdentity identity, long since) {
    }

    private void rememberPartFiles() throws IOException {
        if (options.settle().isZero()) {
            return;
        }
        partFiles.clear();
        for (Path part : folder.inProgress()) {
            FileIdentity identity = FileIdentity.of(part);
            if (identity != null && identity.key() != null) {
                partFiles.put(identity.key(), identity);
            }
        }
        long now = clock.millis();
        partsGone.values().removeIf(at -> now - at > RENAME_WINDOW.toMillis());
    }

    /**
     * Ingests one file, counting the attempt on disk until it finishes (so that a file that kills
     * the process is set aside after {@link #MAX_ATTEMPTS}); any error fails this file only.
     */
    private boolean process(Path file, FileIdentity identity) {
        long modified = identity.modified().toMillis();
        int unfinished = Attempts.unfinished(file, identity.size(), modified);
        if (unfinished >= MAX_ATTEMPTS) {
            boolean moved = finishFailed(file, identity, "its ingestion started " + unfinished + " times without "
                    + "finishing (the watcher died each time, e.g. out of memory or killed); set aside so that the "
                    + "files behind it are ingested");
            return moved && count(file, 0, identity);
        }
        boolean counted = count(file, unfinished + 1, identity);
        boolean moved = false;
        try {
            moved = ingest(file, identity);
        } catch (Throwable t) {
            moved = finishFailed(file, identity, "ingestion failed: " + t);
        } finally {
            if (counted) {
                count(file, moved ? 0 : unfinished, identity);
            }
        }
        return moved;
    }

    private boolean count(Path file, int attempts, FileIdentity identity) {
        try {
            Attempts.record(file, attempts, identity.size(), identity.modified().toMillis());
            return true;
        } catch (IOException e) {
            report.accept("warning: cannot record the ingestion of " + file.getFileName() + " in "
                    + Attempts.marker(file).getFileName() + ": " + e.getMessage());
            return false;
        }
    }

    /** Ingests {@code file} and moves it out of the folder; false if it stays (stopped, or not movable). */
    private boolean ingest(Path file, FileIdentity identity) throws IOException {
        PartnerFile partnerFile;
        try {
            partnerFile = PartnerFile.open(file, options.reading(), warnings);
        } catch (UnusableFileException e) {
            return finishFailed(file, identity, e.reason());
        }
        ResponseValidator validator = ResponseValidator.of(rules.startingAt(clock.instant()));
        Path done = folder.destination(folder.done(), file);
        Reject[] firstSendFailure = new Reject[1];
        try {
            folder.checkDirectories();
            try (RejectsFile.Writer rejects = RejectsFile.writer(DropFolder.report(done, RejectsFile.SUFFIX))) {
                IngestSummary summary = ingestion.validatingWith(validator).ingest(partnerFile, reject -> {
                    if (firstSendFailure[0] == null && reject.reason().startsWith("not published")) {
                        firstSendFailure[0] = reject;
                    }
                    rejects.accept(reject);
                });
                summary.warnings().forEach(warnings);
                if (!summary.complete()) {
                    report.accept("stopped while ingesting " + file.getFileName()
                            + "; it stays in the folder and will be ingested again on the next start");
                    return false;
                }
                if (summary.sendsFailed()) {
                    synchronized (this) {
                        sendsFailed = true;
                    }
                    Path failed = folder.destination(folder.failed(), file);
                    rejects.commitAs(DropFolder.report(failed, RejectsFile.SUFFIX));
                    writeSummary(failed, summary);
                    return moveToFailed(file, failed, summary.failedSends() + " row(s) could not be published: "
                            + firstSendFailure[0].reason());
                }
                rejects.commit();
                writeSummary(done, summary);
                folder.moveTo(file, done);
                synchronized (this) {
                    ingestedFiles++;
                }
                report.accept(summary.describe() + " -> " + folder.root().relativize(done));
                return true;
            }
        } catch (IOException e) {
            strand(file, identity, e);
            return false;
        }
    }

    private boolean finishFailed(Path file, FileIdentity identity, String reason) {
        try {
            folder.checkDirectories();
            return moveToFailed(file, folder.destination(folder.failed(), file), reason);
        } catch (IOException e) {
            strand(file, identity, e);
            return false;
        }
    }

    private boolean moveToFailed(Path file, Path destination, String reason) throws IOException {
        SafeWrites.writeString(DropFolder.report(destination, DropFolder.ERROR_SUFFIX), reason + "\n");
        folder.moveTo(file, destination);
        report.accept("failed: " + file.getFileName() + ": " + reason + " -> " + folder.root().relativize(destination));
        return true;
    }

    private void writeSummary(Path destination, IngestSummary summary) throws IOException {
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
        SafeWrites.write(DropFolder.report(destination, DropFolder.SUMMARY_SUFFIX), out -> JSON.writeValue(out, json));
    }

    private void strand(Path file, FileIdentity identity, IOException e) {
        stranded.add(identity);
        report.accept("error: " + file + " was processed but could not be moved out of the folder ("
                + e.getMessage() + "); it is skipped until the next start");
    }

    private void openWatchService() {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            folder.root().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
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
                Thread.sleep(options.pollInterval().toMillis());
                return;
            }
            WatchKey key = service.poll(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (key != null) {
                key.pollEvents().forEach(this::noteRename);
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            // stop() closed it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }

    /** {@code x.csv.part} going away, then {@code x.csv} appearing: a rename, the file is complete. */
    private void noteRename(WatchEvent<?> event) {
        if (!(event.context() instanceof Path name)) {
            return;
        }
        String text = name.toString();
        if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE && DropFolder.isInProgress(text)) {
            partsGone.put(text.substring(0, text.length() - DropFolder.IN_PROGRESS_SUFFIX.length()), clock.millis());
        } else if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && partsGone.remove(text) != null) {
            renamed.add(text);
        }
    }

    /** A file as it was when seen: the same name with other content is another delivery. */
    private record FileIdentity(Path path, Object key, long size, FileTime modified) {
        static FileIdentity of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                return new FileIdentity(path, attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
            } catch (IOException e) {
                return null; // gone meanwhile
            }
        }
    }
}

package org.medpulse.producer.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The account of one file: every row is either published or rejected ({@code published + rejected
 * = rows}); rejected rows include those whose send failed ({@code failedSends}). In a dry run,
 * {@code published} counts the rows that would have been published.
 *
 * @param complete false when ingestion stopped before the end of the file (a watch folder shutting down)
 * @param warnings what the file's rows as a whole call for (e.g. timestamps to the minute and no response ids)
 */
public record IngestSummary(Path file, long rows, long published, long rejected, long failedSends,
        Duration elapsed, boolean dryRun, boolean complete, List<String> warnings) {

    public IngestSummary {
        warnings = List.copyOf(warnings);
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? rows : rows / seconds;
    }

    public boolean sendsFailed() {
        return failedSends > 0;
    }

    /** One line for people: {@code survey.csv: rows=120 published=117 rejected=3 elapsed=0.42s rows/s=286}. */
    public String describe() {
        String published = dryRun ? "valid=" + this.published + " (dry run, nothing published)"
                : "published=" + this.published;
        String failures = failedSends > 0 ? " (" + failedSends + " of them because their send failed)" : "";
        return String.format(Locale.ROOT, "%s: rows=%d %s rejected=%d%s elapsed=%.2fs rows/s=%.0f%s%s",
                file, rows, published, rejected, failures, elapsed.toNanos() / 1e9, rowsPerSecond(),
                warnings.isEmpty() ? "" : " warnings=" + warnings.size(),
                complete ? "" : " (stopped before the end of the file)");
    }
}

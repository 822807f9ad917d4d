package org.medpulse.producer.archive;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an export did: records read from the topic ({@code scanned}), of which {@code exported}
 * belonged to the wave and {@code undecodable} could not be read as survey responses (skipped).
 */
public record ExportResult(Path file, String wave, long scanned, long exported, long undecodable, Duration elapsed) {
}

package org.medpulse.streams.state;

import java.time.Instant;

/**
 * Value of {@code waves}, and the wave part of answers: over a wave's latest responses, the respondents and the first and last
 * {@code submittedAt}. Each partition holds the summary of its own respondents; {@link #plus}
 * merges them (sum, earliest, latest).
 */
public record WaveSummary(long respondents, long firstSubmittedAtMillis, long lastSubmittedAtMillis)
        implements Mergeable<WaveSummary> {

    private static final int FORMAT = 1;

    public static WaveSummary of(long submittedAtMillis) {
        return new WaveSummary(1, submittedAtMillis, submittedAtMillis);
    }

    public Instant firstSubmittedAt() {
        return Instant.ofEpochMilli(firstSubmittedAtMillis);
    }

    public Instant lastSubmittedAt() {
        return Instant.ofEpochMilli(lastSubmittedAtMillis);
    }

    @Override
    public WaveSummary plus(WaveSummary other) {
        return new WaveSummary(respondents + other.respondents,
                Math.min(firstSubmittedAtMillis, other.firstSubmittedAtMillis),
                Math.max(lastSubmittedAtMillis, other.lastSubmittedAtMillis));
    }

    byte[] toBytes() {
        return new CompactWriter(26).writeByte(FORMAT).writeVarLong(respondents).writeLong(firstSubmittedAtMillis)
                .writeLong(lastSubmittedAtMillis).toByteArray();
    }

    static WaveSummary fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "wave summary");
        return new WaveSummary(in.readVarLong(), in.readLong(), in.readLong());
    }
}

package org.medpulse.streams.state;

import java.time.Instant;

/**
 * Value of {@code waves}, and the wave part of answers: over a wave's latest responses, the
 * respondents with their record keys' sum, and the first and last {@code submittedAt}. Each
 * partition holds the summary of its own respondents; {@link #plus} merges them (sum, earliest,
 * latest).
 */
public record WaveSummary(long respondents, int keySum, long firstSubmittedAtMillis, long lastSubmittedAtMillis)
        implements Mergeable<WaveSummary> {

    // Format 1 had no key sum (it reads as 0, consistent with the responses it counted, which had no key either).
    private static final int FORMAT_WITHOUT_KEYS = 1;
    private static final int FORMAT = 2;

    /** One respondent, with record key {@code recordKey}, who answered at {@code submittedAtMillis}. */
    public static WaveSummary of(int recordKey, long submittedAtMillis) {
        return new WaveSummary(1, recordKey, submittedAtMillis, submittedAtMillis);
    }

    /** The respondents, with their key sum. */
    public Count respondentCount() {
        return new Count(respondents, keySum);
    }

    public Instant firstSubmittedAt() {
        return Instant.ofEpochMilli(firstSubmittedAtMillis);
    }

    public Instant lastSubmittedAt() {
        return Instant.ofEpochMilli(lastSubmittedAtMillis);
    }

    @Override
    public WaveSummary plus(WaveSummary other) {
        return new WaveSummary(respondents + other.respondents, keySum + other.keySum,
                Math.min(firstSubmittedAtMillis, other.firstSubmittedAtMillis),
                Math.max(lastSubmittedAtMillis, other.lastSubmittedAtMillis));
    }

    byte[] toBytes() {
        return new CompactWriter(30).writeByte(FORMAT).writeVarLong(respondents).writeLong(firstSubmittedAtMillis)
                .writeLong(lastSubmittedAtMillis).writeInt(keySum).toByteArray();
    }

    static WaveSummary fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        int format = in.readFormat("wave summary", FORMAT_WITHOUT_KEYS, FORMAT);
        long respondents = in.readVarLong();
        long first = in.readLong();
        long last = in.readLong();
        return new WaveSummary(respondents, format == FORMAT ? in.readInt() : 0, first, last);
    }
}

package org.medpulse.streams.state;

/**
 * Key of {@code responses-latest}: {@code wave 0x00 partner 0x00 respondent}. Wave first, so the
 * latest responses of one wave are one range.
 */
public final class LatestKey extends OrderedKey {

    private LatestKey(byte[] bytes) {
        super(bytes);
    }

    public static LatestKey of(String wave, String partner, String respondent) {
        return new LatestKey(encode(wave, partner, respondent));
    }

    public static LatestKey fromBytes(byte[] bytes) {
        return new LatestKey(bytes);
    }

    /** Every respondent's latest response in {@code wave}. */
    public static KeyRange<LatestKey> ofWave(String wave) {
        return new KeyRange<>(new LatestKey(rangeStart(wave)), new LatestKey(rangeEnd(wave)));
    }

    public String wave() {
        return component(0);
    }

    public String partner() {
        return component(1);
    }

    public String respondent() {
        return component(2);
    }
}

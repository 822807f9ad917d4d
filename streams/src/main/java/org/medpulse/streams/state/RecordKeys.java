package org.medpulse.streams.state;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each respondent-wave's record key, for the cell key method: the first 32 bits of
 * HMAC-SHA256(secret, {@code wave␀partner␀respondent}). The same respondent in the same wave always
 * gets the same key (across corrections, redeliveries, replays, restarts and instances sharing the
 * secret), and nobody without the secret can compute it, so no one can tell which noise a cell will
 * get. Thread-safe.
 */
public final class RecordKeys {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    private RecordKeys(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("A record-key secret needs at least 16 bytes, got " + secret.length);
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public static RecordKeys withSecret(byte[] secret) {
        return new RecordKeys(Objects.requireNonNull(secret, "secret"));
    }

    public static RecordKeys withSecret(String secret) {
        return withSecret(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    /** The record key of {@code respondent} of {@code partner} in {@code wave}. */
    public int of(String wave, String partner, String respondent) {
        Mac mac = macs.get();
        mac.update(wave.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(partner.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(respondent.getBytes(StandardCharsets.UTF_8));
        byte[] digest = mac.doFinal();
        return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | (digest[3] & 0xFF);
    }

    /** The record key of {@code key}'s respondent-wave: its bytes are {@code wave␀partner␀respondent}. */
    public int of(LatestKey key) {
        byte[] digest = macs.get().doFinal(key.bytes());
        return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | (digest[3] & 0xFF);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "RecordKeys{secret hidden}";
    }
}

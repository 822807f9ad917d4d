package org.medpulse.streams.query.peer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals what instances of one application send each other: partial answers hold raw counts and key
 * sums, which no API client may see. Every request and answer body is encrypted and authenticated
 * with AES-256-GCM under a key derived from the peer secret, which only the instances hold (no API
 * token opens the channel). A request is bound to its path and to the time it was sealed, and is
 * refused outside {@link #WINDOW} of the receiver's clock; an answer is bound to the request it
 * answers, so it cannot be replayed as the answer to another. Thread-safe.
 */
public final class PeerSeal {

    /** How far a request's time may be from the receiver's clock (clock skew plus transit). */
    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** The header carrying the time a request was sealed, in epoch milliseconds. */
    public static final String TIME_HEADER = "X-MedPulse-Peer-Time";
    public static final String CONTENT_TYPE = "application/vnd.medpulse.sealed";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_SECRET_BYTES = 16;

    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private PeerSeal(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("A peer secret needs at least " + MIN_SECRET_BYTES + " bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(derive(secret), "AES");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static PeerSeal withSecret(byte[] secret, Clock clock) {
        return new PeerSeal(Objects.requireNonNull(secret, "secret").clone(), clock);
    }

    public static PeerSeal withSecret(byte[] secret) {
        return withSecret(secret, Clock.systemUTC());
    }

    /** A sealed request to {@code path}, and the time to send in {@link #TIME_HEADER}. */
    public Sealed sealRequest(String path, byte[] body) {
        long time = clock.millis();
        return new Sealed(time, seal(body, requestContext(path, time)));
    }

    /**
     * The body of a request to {@code path} sealed at {@code time}.
     *
     * @throws PeerSealException if it was not sealed with this secret for this path and time, or the time is outside the window
     */
    public byte[] openRequest(String path, String time, byte[] sealed) {
        long millis;
        try {
            millis = Long.parseLong(Objects.requireNonNull(time, "no " + TIME_HEADER));
        } catch (NumberFormatException | NullPointerException e) {
            throw new PeerSealException("A peer request needs " + TIME_HEADER);
        }
        if (Math.abs(clock.millis() - millis) > WINDOW.toMillis()) {
            throw new PeerSealException("A peer request sealed outside the accepted window");
        }
        return open(sealed, requestContext(path, millis));
    }

    /** The answer to {@code request} (as received, sealed), sealed for its sender alone. */
    public byte[] sealAnswer(byte[] request, byte[] answer) {
        return seal(answer, answerContext(request));
    }

    /** The answer to {@code request} (as sent, sealed). */
    public byte[] openAnswer(byte[] request, byte[] sealed) {
        return open(sealed, answerContext(request));
    }

    private byte[] seal(byte[] plain, byte[] context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            byte[] encrypted = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + encrypted.length).put(nonce).put(encrypted).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private byte[] open(byte[] sealed, byte[] context) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PeerSealException("Not a sealed peer message");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(context);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new PeerSealException("A peer message not sealed with this application's peer secret");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private static byte[] requestContext(String path, long time) {
        return ("medpulse-peer-request\n" + path + "\n" + time).getBytes(StandardCharsets.UTF_8);
    }

    // The request's nonce (its first bytes) is unique to it.
    private static byte[] answerContext(byte[] request) {
        byte[] nonce = Arrays.copyOf(request, Math.min(NONCE_BYTES, request.length));
        return ByteBuffer.allocate(22 + nonce.length).put("medpulse-peer-answer\n\0".getBytes(StandardCharsets.UTF_8))
                .put(nonce).array();
    }

    // A key for this use only, so that the secret could serve another purpose without reuse.
    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("medpulse peer channel v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "PeerSeal{secret hidden}";
    }

    /** A sealed request body and the time it was sealed at. */
    public record Sealed(long time, byte[] body) {
    }

    /** A message that this application's peers did not seal, or sealed for something else. */
    public static final class PeerSealException extends RuntimeException {
        PeerSealException(String message) {
            super(message);
        }
    }
}

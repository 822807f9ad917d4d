package org.medpulse.producer.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Response ids for rows that bring none: a name-based UUID (version 5, SHA-1, RFC 9562) of the
 * partner, respondent, wave and submission instant in milliseconds. The same row therefore gets
 * the same id on every run and machine, which makes re-ingesting a file harmless downstream.
 */
public final class ResponseIds {

    /** MedPulse's namespace for name-based ids; never change it, or every derived id changes. */
    static final UUID NAMESPACE = UUID.fromString("6ad5df2a-3c35-4af5-a106-ff46929b9b64");

    /** Separates the parts so that ("ab", "c") and ("a", "bc") give different names. */
    private static final char UNIT_SEPARATOR = '\u001F';

    private ResponseIds() {
    }

    public static String derive(String partnerId, String respondentId, String waveId, Instant submittedAt) {
        String name = partnerId + UNIT_SEPARATOR + respondentId + UNIT_SEPARATOR + waveId + UNIT_SEPARATOR
                + submittedAt.toEpochMilli();
        return nameBased(NAMESPACE, name).toString();
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}

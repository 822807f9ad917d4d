package org.medpulse.producer.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;

/**
 * Response ids for responses that bring none: name-based UUIDs (version 5, SHA-1, RFC 9562), so
 * that the same response gets the same id on every run and machine, which makes re-ingesting a
 * file harmless downstream.
 *
 * <p>Ingestion derives them {@linkplain #fromContent from everything a response says}: two different
 * answers of one respondent in one wave with the same {@code submitted_at} (a correction within
 * the same minute, when partners send minutes only) get different ids, so that neither is taken
 * for a redelivery of the other. The simulator derives them {@linkplain #derive from partner,
 * respondent, wave and time} only.
 */
public final class ResponseIds {

    /** MedPulse's namespace for name-based ids; never change it, or every derived id changes. */
    static final UUID NAMESPACE = UUID.fromString("6ad5df2a-3c35-4af5-a106-ff46929b9b64");

    /** Separates the parts so that ("ab", "c") and ("a", "bc") give different names. */
    private static final char UNIT_SEPARATOR = '\u001F';

    /** One digest per thread: looking one up for every response showed in the ingestion profile. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-1", e);
        }
    });

    private ResponseIds() {
    }

    public static String derive(String partnerId, String respondentId, String waveId, Instant submittedAt) {
        String name = partnerId + UNIT_SEPARATOR + respondentId + UNIT_SEPARATOR + waveId + UNIT_SEPARATOR
                + submittedAt.toEpochMilli();
        return nameBased(NAMESPACE, name).toString();
    }

    /**
     * The id of {@code response} from its partner, respondent, wave, submission instant and every
     * answer it gives (its own {@code responseId} aside), market drivers included when it was asked
     * about them (a response that only adds drivers is another response).
     */
    public static String fromContent(SurveyResponse response) {
        return contentId(response).toString();
    }

    /** {@link #fromContent} as a UUID: equal for two responses exactly when they say the same. */
    static UUID contentId(SurveyResponse response) {
        StringBuilder name = new StringBuilder("content");
        part(name, response.getPartnerId());
        part(name, response.getRespondentId());
        part(name, response.getWaveId());
        part(name, Long.toString(response.getSubmittedAt().toEpochMilli()));
        part(name, response.getPracticeType().name());
        part(name, response.getSpecialty());
        part(name, response.getSetting().name());
        part(name, response.getRegion());
        part(name, response.getUsageFrequency().name());
        symbols(name, response.getUseCases());
        symbols(name, response.getBarriers());
        symbols(name, response.getExpectedFutureUseCases());
        name.append(UNIT_SEPARATOR).append(response.getTools().size());
        for (ToolUsage tool : response.getTools()) {
            part(name, tool.getTool());
            part(name, tool.getFrequency() == null ? null : tool.getFrequency().name());
        }
        if (response.getMarketDrivers() != null) {
            // Since v2. Left out when not asked, so that every answer without drivers keeps the id it
            // had before v2 (re-ingesting an old file changes nothing downstream); when asked, even
            // with none named, the drivers are part of what the response says.
            name.append(UNIT_SEPARATOR).append("drivers");
            symbols(name, response.getMarketDrivers());
        }
        return nameBased(NAMESPACE, name.toString());
    }

    /** Each part length-prefixed, so that no two different responses give the same name. */
    private static void part(StringBuilder name, String value) {
        name.append(UNIT_SEPARATOR);
        if (value == null) {
            name.append('-');
        } else {
            name.append(value.length()).append(':').append(value);
        }
    }

    private static void symbols(StringBuilder name, List<? extends Enum<?>> symbols) {
        name.append(UNIT_SEPARATOR).append(symbols.size());
        for (Enum<?> symbol : symbols) {
            part(name, symbol.name());
        }
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get(); // each digest() leaves it reset for the next name
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

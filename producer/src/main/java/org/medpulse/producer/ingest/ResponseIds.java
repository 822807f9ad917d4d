package org.medpulse.producer.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
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
        Name name = NAME.get().start("content");
        name.part(response.getPartnerId());
        name.part(response.getRespondentId());
        name.part(response.getWaveId());
        name.part(response.getSubmittedAt().toEpochMilli());
        name.part(response.getPracticeType().name());
        name.part(response.getSpecialty());
        name.part(response.getSetting().name());
        name.part(response.getRegion());
        name.part(response.getUsageFrequency().name());
        name.symbols(response.getUseCases());
        name.symbols(response.getBarriers());
        name.symbols(response.getExpectedFutureUseCases());
        name.count(response.getTools().size());
        for (ToolUsage tool : response.getTools()) {
            name.part(tool.getTool());
            name.part(tool.getFrequency() == null ? null : tool.getFrequency().name());
        }
        if (response.getMarketDrivers() != null) {
            // Since v2. Left out when not asked, so that every answer without drivers keeps the id it
            // had before v2 (re-ingesting an old file changes nothing downstream); when asked, even
            // with none named, the drivers are part of what the response says.
            name.separator().text("drivers");
            name.symbols(response.getMarketDrivers());
        }
        return name.uuid();
    }

    /** One name buffer per thread: a string and its UTF-8 copy per response showed in the ingestion profile. */
    private static final ThreadLocal<Name> NAME = ThreadLocal.withInitial(Name::new);

    /**
     * The name of a response, written straight as the UTF-8 bytes that {@code String.getBytes(UTF_8)}
     * gives for it (an unpaired surrogate as {@code ?}), in a buffer reused from one response to
     * the next. Each part is length-prefixed (its length in UTF-16 units, as {@link String#length()}),
     * so that no two different responses give the same name.
     */
    private static final class Name {
        private byte[] bytes = new byte[512];
        private int length;

        Name start(String prefix) {
            length = 0;
            return text(prefix);
        }

        Name separator() {
            return put(UNIT_SEPARATOR);
        }

        void part(String value) {
            separator();
            if (value == null) {
                put('-');
            } else {
                number(value.length()).put(':').text(value);
            }
        }

        void part(long value) {
            separator();
            number(stringSize(value)).put(':').number(value);
        }

        void count(int size) {
            separator().number(size);
        }

        void symbols(List<? extends Enum<?>> symbols) {
            count(symbols.size());
            for (Enum<?> symbol : symbols) {
                part(symbol.name());
            }
        }

        /** The decimal digits of {@code value}, as {@link Long#toString(long)} writes them. */
        private Name number(long value) {
            int size = stringSize(value);
            ensure(size);
            long rest = value;
            if (rest < 0) {
                bytes[length] = '-';
                rest = -rest; // a submission instant is never Long.MIN_VALUE
            }
            for (int at = length + size - 1; at >= length + (value < 0 ? 1 : 0); at--) {
                bytes[at] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            length += size;
            return this;
        }

        private static int stringSize(long value) {
            int size = value < 0 ? 2 : 1;
            for (long rest = Math.abs(value / 10); rest > 0; rest /= 10) {
                size++;
            }
            return size;
        }

        private Name put(int oneByte) {
            ensure(1);
            bytes[length++] = (byte) oneByte;
            return this;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        private Name text(String value) {
            int count = value.length();
            ensure(3 * count); // at most three bytes per UTF-16 unit
            byte[] out = bytes;
            int at = length;
            for (int i = 0; i < count; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    out[at++] = (byte) c;
                } else if (c < 0x800) {
                    out[at++] = (byte) (0xC0 | c >> 6);
                    out[at++] = (byte) (0x80 | c & 0x3F);
                } else if (!Character.isSurrogate(c)) {
                    out[at++] = (byte) (0xE0 | c >> 12);
                    out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                    out[at++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < count && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, value.charAt(++i));
                    out[at++] = (byte) (0xF0 | codePoint >> 18);
                    out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                    out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                    out[at++] = (byte) (0x80 | codePoint & 0x3F);
                } else {
                    out[at++] = '?'; // as String.getBytes(UTF_8) writes an unpaired surrogate
                }
            }
            length = at;
            return this;
        }

        UUID uuid() {
            MessageDigest sha1 = SHA1.get();
            sha1.update(NAMESPACE_BYTES);
            sha1.update(bytes, 0, length);
            return version5(sha1.digest());
        }
    }

    static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get(); // each digest() leaves it reset for the next name
        sha1.update(uuidBytes(namespace));
        return version5(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static final byte[] NAMESPACE_BYTES = uuidBytes(NAMESPACE);

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static UUID version5(byte[] hash) {
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}

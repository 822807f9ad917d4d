package org.medpulse.chaos.panel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.WireFormat;

/**
 * Records no reader can use, written straight to {@code survey-responses} (past ingestion), as a
 * buggy or hostile producer would: each must end up in the dead-letter topic exactly once, and
 * nothing else. Their keys start with {@value #KEY_PREFIX}, which is how the dead letters are told
 * apart from valid responses dead-lettered by mistake.
 */
public final class CorruptRecords {

    public static final String KEY_PREFIX = "chaos-corrupt/";

    /** A schema id no registry has handed out. */
    static final int UNKNOWN_SCHEMA_ID = 987_654_321;

    public enum Kind {
        GARBAGE("not the wire format (bad magic byte)"),
        UNKNOWN_SCHEMA_ID("unknown schema id"),
        TRUNCATED("Avro body cut short"),
        INVALID_CONTENT("readable but invalid (blank wave and respondent)"),
        EMPTY("empty value (0 bytes)"),
        TOMBSTONE("no value (tombstone)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One corrupt record: its key, its value (null for a tombstone) and what is wrong with it. */
    public record Corrupt(String key, byte[] value, Kind kind) {

        public byte[] keyBytes() {
            return key.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final int schemaId;
    private final SplittableRandom random;
    private long made;

    /**
     * @param schemaId the registry's id of the {@code SurveyResponse} schema (for the records that
     *                 name a real schema but are broken further on)
     */
    public CorruptRecords(int schemaId, long seed) {
        this.schemaId = schemaId;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** The next corrupt record, its kind in turn, based on {@code template} (a real response). */
    public Corrupt next(SurveyResponse template) {
        Kind kind = Kind.values()[(int) (made % Kind.values().length)];
        String key = KEY_PREFIX + String.format("%06d", made++) + "-" + kind.name().toLowerCase();
        return new Corrupt(key, value(kind, template), kind);
    }

    private byte[] value(Kind kind, SurveyResponse template) {
        return switch (kind) {
            case GARBAGE -> {
                byte[] bytes = new byte[8 + random.nextInt(64)];
                random.nextBytes(bytes);
                bytes[0] = (byte) (1 + random.nextInt(255)); // anything but the magic byte 0
                yield bytes;
            }
            case UNKNOWN_SCHEMA_ID -> concat(WireFormat.header(UNKNOWN_SCHEMA_ID), avro(template));
            case TRUNCATED -> {
                byte[] body = avro(template);
                yield concat(WireFormat.header(schemaId), Arrays.copyOf(body, Math.max(1, body.length / 3)));
            }
            case INVALID_CONTENT -> concat(WireFormat.header(schemaId), avro(SurveyResponse.newBuilder(template)
                    .setWaveId("").setRespondentId("").build()));
            case EMPTY -> new byte[0];
            case TOMBSTONE -> null;
        };
    }

    private static byte[] avro(SurveyResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(SurveyResponse.class).write(response, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

package org.medpulse.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent Schema Registry wire format: magic byte {@code 0x00}, the schema id as a 4-byte
 * big-endian int, then the Avro binary body.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Checks the header of {@code payload} and returns the schema id it names. */
    public static int schemaId(byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new SerializationException("Payload of " + payload.length
                    + " bytes is shorter than the 5-byte Confluent wire-format header (magic byte + schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x: expected 0x00 "
                    + "(Confluent Schema Registry wire format)", payload[0] & 0xff));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }
}

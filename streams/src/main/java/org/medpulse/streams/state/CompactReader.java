package org.medpulse.streams.state;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link CompactWriter} wrote. */
final class CompactReader {

    private final byte[] data;
    private int position;

    CompactReader(byte[] data) {
        this.data = data;
    }

    /** Checks the leading format byte of a value. */
    CompactReader expectFormat(int format, String what) {
        int actual = readByte();
        if (actual != format) {
            throw new SerializationException("Unknown " + what + " format " + actual + " (expected " + format + ")");
        }
        return this;
    }

    /** Reads the leading format byte of a value: one of {@code known}, the newest last. */
    int readFormat(String what, int... known) {
        int actual = readByte();
        for (int format : known) {
            if (actual == format) {
                return actual;
            }
        }
        throw new SerializationException("Unknown " + what + " format " + actual + " (expected one of "
                + java.util.Arrays.toString(known) + ")");
    }

    int readInt() {
        require(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    /** Reads key sums written by {@code CompactWriter#writeKeys} into {@code size} slots. */
    int[] readKeys(int size) {
        int written = readVarInt();
        int[] keys = new int[size];
        for (int i = 0; i < written; i++) {
            int key = readInt();
            if (i < size) {
                keys[i] = key;
            }
        }
        return keys;
    }

    int readByte() {
        require(1);
        return data[position++] & 0xFF;
    }

    int readVarInt() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new SerializationException("Malformed varint at byte " + position);
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new SerializationException("Malformed varint at byte " + position);
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    String readString() {
        int length = readVarInt();
        require(length);
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /**
     * Reads a counts array into one of {@code size} slots: a value written when an enum had fewer
     * symbols reads with zeros for the new ones.
     */
    long[] readCounts(int size) {
        int written = readVarInt();
        long[] counts = new long[size];
        for (int i = 0; i < written; i++) {
            long count = readVarLong();
            if (i < size) {
                counts[i] = count;
            }
        }
        return counts;
    }

    private void require(int bytes) {
        if (position + bytes > data.length) {
            throw new SerializationException("Truncated state value: needs " + bytes + " more bytes at " + position
                    + " of " + data.length);
        }
    }
}

package org.medpulse.streams.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends the compact binary form of state values: varints for counts and lengths, fixed 8 bytes
 * for timestamps, UTF-8 for text. Internal state never goes through the schema registry
 * (changelog topics would otherwise register subjects), so the encoding is ours and versioned by
 * a leading format byte in each value.
 */
final class CompactWriter {

    private byte[] buffer;
    private int size;

    CompactWriter(int initialCapacity) {
        buffer = new byte[initialCapacity];
    }

    CompactWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** LEB128 of the int's 32 bits: 1 byte below 128; a negative value (a bug upstream) still round-trips. */
    CompactWriter writeVarInt(int value) {
        ensure(5);
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[size++] = (byte) rest;
        return this;
    }

    /** LEB128 of the long's 64 bits: the same bytes as {@link #writeVarInt} for any non-negative int. */
    CompactWriter writeVarLong(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        buffer[size++] = (byte) rest;
        return this;
    }

    CompactWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    CompactWriter writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarInt(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, size, utf8.length);
        size += utf8.length;
        return this;
    }

    CompactWriter writeCounts(long[] counts) {
        writeVarInt(counts.length);
        for (long count : counts) {
            writeVarLong(count);
        }
        return this;
    }

    /** Key sums: 4 bytes each, big-endian, after their length. */
    CompactWriter writeKeys(int[] keys) {
        writeVarInt(keys.length);
        ensure(4 * keys.length);
        for (int key : keys) {
            buffer[size++] = (byte) (key >>> 24);
            buffer[size++] = (byte) (key >>> 16);
            buffer[size++] = (byte) (key >>> 8);
            buffer[size++] = (byte) key;
        }
        return this;
    }

    CompactWriter writeInt(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}

package org.medpulse.streams.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;

import com.google.common.collect.Interner;
import com.google.common.collect.Interners;

/**
 * A store key whose bytes sort like its components: UTF-8 text components joined by a
 * {@code 0x00} byte. Because {@code 0x00} sorts below every other byte and never occurs in
 * validated text, byte order equals component-by-component order, and all keys that share leading
 * components form one contiguous range: {@code [prefix 0x00, prefix 0x00 0xFF]} ({@code 0xFF}
 * never occurs in UTF-8). RocksDB and the record cache compare keys as unsigned bytes, so a range
 * query over such bounds is a seek plus a short scan, never a full scan.
 *
 * <p>Subclasses wrap the bytes and decode components on demand; the bytes are what the store
 * holds, so keys cost nothing to serialise.
 */
public abstract class OrderedKey implements Comparable<OrderedKey> {

    static final byte SEPARATOR = 0x00;
    static final byte PAST_END = (byte) 0xFF;
    // The most ranges of one kind kept as one instance each (see Interned): waves and rolling windows are few.
    static final int MAX_INTERNED_RANGES = 10_000;

    // Keys name a handful of waves, partners, tools and days, and answers compare the components of
    // every key they scan (a tool with the previous key's, a partner with their filter's): one
    // instance per distinct component makes those comparisons identity checks with a cached hash.
    private static final Interner<String> COMPONENTS = Interners.newWeakInterner();

    private final byte[] bytes;
    private String[] components;
    // Answers visit the same scanned keys many times (see the query layer's scan cache): decoded once.
    private Cell cell;
    // Keys meet hash maps several times per response (write-behind lookups, writes, dirty sets).
    private int hash;

    protected OrderedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The encoded key. Shared, not copied: callers must not modify it. */
    public final byte[] bytes() {
        return bytes;
    }

    protected final String component(int index) {
        String[] decoded = components;
        if (decoded == null) {
            decoded = split(bytes);
            components = decoded;
        }
        if (index >= decoded.length) {
            throw new IllegalStateException("Key " + this + " has no component " + index
                    + ": range bounds are not full keys");
        }
        return decoded[index];
    }

    /** The cell whose partner, practice type and setting are the components from {@code first} on. */
    protected final Cell cellFrom(int first) {
        Cell decoded = cell;
        if (decoded == null) {
            decoded = new Cell(component(first), PracticeType.valueOf(component(first + 1)),
                    PracticeSetting.valueOf(component(first + 2)));
            cell = decoded;
        }
        return decoded;
    }

    static byte[] encode(String... components) {
        byte[][] utf8 = new byte[components.length][];
        int length = components.length - 1;
        for (int i = 0; i < components.length; i++) {
            utf8[i] = components[i].getBytes(StandardCharsets.UTF_8);
            length += utf8[i].length;
        }
        byte[] out = new byte[Math.max(0, length)];
        int position = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (i > 0) {
                out[position++] = SEPARATOR;
            }
            System.arraycopy(utf8[i], 0, out, position, utf8[i].length);
            position += utf8[i].length;
        }
        return out;
    }

    /** The lowest key whose leading components are {@code prefix}. */
    static byte[] rangeStart(String... prefix) {
        byte[] encoded = encode(prefix);
        byte[] start = Arrays.copyOf(encoded, encoded.length + 1);
        start[encoded.length] = SEPARATOR;
        return start;
    }

    /** The highest key whose leading components are {@code prefix}. */
    static byte[] rangeEnd(String... prefix) {
        byte[] start = rangeStart(prefix);
        byte[] end = Arrays.copyOf(start, start.length + 1);
        end[start.length] = PAST_END;
        return end;
    }

    private static String[] split(byte[] bytes) {
        List<String> parts = new ArrayList<>(6);
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == SEPARATOR) {
                parts.add(COMPONENTS.intern(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
                start = i + 1;
            }
        }
        return parts.toArray(String[]::new);
    }

    @Override
    public final int compareTo(OrderedKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public final boolean equals(Object other) {
        return other == this || other != null && other.getClass() == getClass()
                && Arrays.equals(bytes, ((OrderedKey) other).bytes);
    }

    @Override
    public final int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** Components joined by {@code |}, e.g. {@code 2025-06|partner-a|SPECIALIST|HOSPITAL}. */
    @Override
    public final String toString() {
        return String.join("|", split(bytes));
    }
}

package org.medpulse.serde;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one record body that refuses what Avro's own decoder lets through, or
 * turns into an {@link OutOfMemoryError}: Avro allocates a string, bytes or array of the length
 * the data claims before noticing the data is shorter. Here every length and block count is
 * checked against the bytes left; negative lengths and indexes, booleans other than 0 and 1, and
 * strings that are not UTF-8 are malformed data. The caller checks that nothing is left at the end.
 *
 * <p>Varints and floating-point numbers are read by Avro's non-buffering decoder from the same
 * cursor, so both always agree on the position.
 */
final class StrictBinaryDecoder extends Decoder {

    private final Cursor in;
    private final BinaryDecoder numbers;
    private final boolean arrayItemsTakeBytes;
    private CharsetDecoder utf8;

    /**
     * @param arrayItemsTakeBytes whether every array item of the writer schema takes at least one
     *                            byte (see {@link #arrayItemsTakeBytes(Schema)}), which bounds block
     *                            counts by the bytes left
     */
    StrictBinaryDecoder(byte[] payload, int offset, int length, boolean arrayItemsTakeBytes) {
        this.in = new Cursor(payload, offset, offset + length);
        this.numbers = DecoderFactory.get().directBinaryDecoder(in, null);
        this.arrayItemsTakeBytes = arrayItemsTakeBytes;
    }

    /** Bytes not consumed yet. */
    int remaining() {
        return in.available();
    }

    /**
     * Whether every array item of {@code schema} is encoded in at least one byte. Only items of type
     * null, a fixed of size 0, or a record of such fields take none; an array of those can claim
     * more items than there are bytes left, legitimately.
     */
    static boolean arrayItemsTakeBytes(Schema schema) {
        return arrayItemsTakeBytes(schema, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean arrayItemsTakeBytes(Schema schema, Set<Schema> seen) {
        if (!seen.add(schema)) {
            return true;
        }
        switch (schema.getType()) {
            case ARRAY:
                return !canBeEmpty(schema.getElementType(), Collections.newSetFromMap(new IdentityHashMap<>()))
                        && arrayItemsTakeBytes(schema.getElementType(), seen);
            case MAP:
                return arrayItemsTakeBytes(schema.getValueType(), seen);
            case UNION:
                return schema.getTypes().stream().allMatch(branch -> arrayItemsTakeBytes(branch, seen));
            case RECORD:
                return schema.getFields().stream().allMatch(field -> arrayItemsTakeBytes(field.schema(), seen));
            default:
                return true;
        }
    }

    private static boolean canBeEmpty(Schema schema, Set<Schema> seen) {
        switch (schema.getType()) {
            case NULL:
                return true;
            case FIXED:
                return schema.getFixedSize() == 0;
            case RECORD:
                // A record that contains itself can only do so through a union or a collection, which take bytes.
                return seen.add(schema) && schema.getFields().stream().allMatch(f -> canBeEmpty(f.schema(), seen));
            default:
                return false;
        }
    }

    @Override
    public void readNull() {
        // null takes no bytes
    }

    @Override
    public boolean readBoolean() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        if (b > 1) {
            throw malformed(String.format("boolean byte 0x%02x (must be 0x00 or 0x01)", b));
        }
        return b == 1;
    }

    @Override
    public int readInt() throws IOException {
        return numbers.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return numbers.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return numbers.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return numbers.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = length("string");
        if (!in.isAscii(length)) {
            checkUtf8(length);
        }
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFully(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = length("string");
        // ASCII is valid UTF-8 and decodes byte for byte: no decoder, no char buffer.
        String value = in.isAscii(length) ? in.ascii(length) : checkUtf8(length).toString();
        in.skipFully(length);
        return value;
    }

    @Override
    public void skipString() throws IOException {
        in.skipFully(length("string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = length("bytes");
        ByteBuffer result = old != null && old.hasArray() && !old.isReadOnly() && old.capacity() >= length
                ? old
                : ByteBuffer.allocate(length);
        result.clear();
        in.readFully(result.array(), result.arrayOffset(), length);
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFully(length("bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFully(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFully(length);
    }

    @Override
    public int readEnum() throws IOException {
        return index("enum symbol");
    }

    @Override
    public int readIndex() throws IOException {
        return index("union branch");
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount("array", arrayItemsTakeBytes);
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount("array", arrayItemsTakeBytes);
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocks("array", arrayItemsTakeBytes);
    }

    @Override
    public long readMapStart() throws IOException {
        // A map entry always takes bytes: its key is a length-prefixed string.
        return blockCount("map", true);
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount("map", true);
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocks("map", true);
    }

    private int index(String what) throws IOException {
        int index = numbers.readInt();
        if (index < 0) {
            throw malformed("negative " + what + " index " + index);
        }
        return index;
    }

    private int length(String what) throws IOException {
        long length = numbers.readLong();
        if (length < 0) {
            throw malformed(what + " with negative length " + length);
        }
        if (length > in.available()) {
            throw beyondEnd(what + " of " + length + " bytes");
        }
        return (int) length;
    }

    /** The item count of the next block; a negative count is followed by the block's size in bytes. */
    private long blockCount(String what, boolean itemsTakeBytes) throws IOException {
        long count = numbers.readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw malformed(what + " block count out of range");
            }
            count = -count;
            long size = numbers.readLong();
            if (size < 0 || size > in.available()) {
                throw beyondEnd(what + " block of " + size + " bytes");
            }
        }
        if (itemsTakeBytes && count > in.available()) {
            throw beyondEnd(what + " block of " + count + " items");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw malformed(what + " block of " + count + " items");
        }
        return count;
    }

    /** Skips the blocks that carry their size; returns the count of the first one that does not (0 at the end). */
    private long skipBlocks(String what, boolean itemsTakeBytes) throws IOException {
        while (true) {
            long count = numbers.readLong();
            if (count >= 0) {
                if (itemsTakeBytes && count > in.available()) {
                    throw beyondEnd(what + " block of " + count + " items");
                }
                return count;
            }
            long size = numbers.readLong();
            if (count == Long.MIN_VALUE || size < 0 || size > in.available()) {
                throw beyondEnd(what + " block of " + size + " bytes");
            }
            in.skipFully((int) size);
        }
    }

    /** Avro replaces invalid UTF-8 with U+FFFD silently; here it is malformed data. */
    private CharBuffer checkUtf8(int length) throws IOException {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder();
        }
        try {
            return utf8.reset().decode(in.peek(length));
        } catch (CharacterCodingException e) {
            throw malformed("string of " + length + " bytes that is not valid UTF-8");
        }
    }

    /** A length or count the bytes left cannot hold: the body was cut, or the length is garbage. */
    private MalformedDataException beyondEnd(String claim) {
        return malformed(claim + " but only " + in.available() + " bytes are left (truncated or corrupt body)");
    }

    private static MalformedDataException malformed(String message) {
        return new MalformedDataException(message);
    }

    /** The body contradicts the schema it claims to be written with. */
    static final class MalformedDataException extends IOException {
        MalformedDataException(String message) {
            super(message);
        }
    }

    /** An unsynchronised view of the body, so that Avro's byte-at-a-time reads stay cheap. */
    private static final class Cursor extends InputStream {
        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int n = Math.min(length, end - position);
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += (int) skipped;
            return skipped;
        }

        @Override
        public int available() {
            return end - position;
        }

        void readFully(byte[] target, int offset, int length) throws EOFException {
            if (length > end - position) {
                position = end;
                throw new EOFException();
            }
            System.arraycopy(bytes, position, target, offset, length);
            position += length;
        }

        void skipFully(int length) throws EOFException {
            if (length > end - position) {
                position = end;
                throw new EOFException();
            }
            position += length;
        }

        /** Whether the next {@code length} bytes (all there: the length was checked) are ASCII. */
        boolean isAscii(int length) {
            for (int i = position, last = position + length; i < last; i++) {
                if (bytes[i] < 0) {
                    return false;
                }
            }
            return true;
        }

        /** The next {@code length} bytes, ASCII, as a string; does not move. */
        String ascii(int length) {
            return new String(bytes, position, length, StandardCharsets.ISO_8859_1);
        }

        ByteBuffer peek(int length) {
            return ByteBuffer.wrap(bytes, position, length);
        }
    }
}

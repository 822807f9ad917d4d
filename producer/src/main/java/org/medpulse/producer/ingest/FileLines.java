package org.medpulse.producer.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A partner file read as physical lines, streamed from disk: only the current line is held, so a
 * file of any size is read in the same memory. Lines are decoded strictly as UTF-8 (after any
 * byte-order mark); line breaks are {@code \r\n}, {@code \n} or a lone {@code \r}, as commons-csv
 * counts them, and each line keeps its own. A reader can go back to a line it has passed
 * ({@link #seek}), reading it again from disk.
 *
 * <p>A line longer than {@link #MAX_LINE_BYTES} is not held: it comes out {@linkplain Line#tooLong()
 * too long}, with only its first characters as text.
 */
final class FileLines implements Closeable {

    /** The longest line read: 1 MiB. Survey answers are far shorter; this only bounds memory. */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** How much of a line or record too long to read is shown. */
    static final int PREVIEW_CHARS = 1000;
    private static final int BUFFER_BYTES = 64 * 1024;

    /**
     * A physical line: its 1-based number, its text without line break, the line break ending it
     * ({@code ""} at the end of the file), and the byte offsets where it starts and where the next
     * line starts.
     */
    record Line(long number, String text, String terminator, long start, long end, boolean tooLong) {
    }

    /** Why {@code what} ("a line", "a record (lines 3-9)") was not read. */
    static String tooLongReason(String what) {
        return what + " longer than " + ReadOptions.describeSize(MAX_LINE_BYTES) + ": not read; raw shows its first "
                + PREVIEW_CHARS + " characters";
    }

    /** A line whose bytes are not UTF-8. */
    static final class NotUtf8Exception extends IOException {
        NotUtf8Exception(long line, int badByte) {
            super("not UTF-8 text (invalid byte 0x" + Integer.toHexString(badByte & 0xff) + " on line " + line
                    + "); save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)");
        }
    }

    /**
     * A partner file, checked once when opened (a regular file, not a link unless links are
     * followed, within the size limit), from which readers are opened. Reads stop at the size the
     * file had then, so that what was checked is what is read.
     */
    record Source(Path path, boolean followLinks, long size, long firstByte) {

        static Source open(Path path, ReadOptions options) throws UnusableFileException {
            LinkOption[] links = options.followLinks() ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, links);
                if (attributes.isSymbolicLink()) {
                    throw new UnusableFileException(path, "it is a symbolic link; links are not followed here, "
                            + "deliver the file itself");
                }
                if (!attributes.isRegularFile()) {
                    throw new UnusableFileException(path, "not a regular file");
                }
                try (SeekableByteChannel channel = channel(path, options.followLinks())) {
                    long size = channel.size();
                    if (size > options.maxFileSize()) {
                        throw new UnusableFileException(path, "the file is " + ReadOptions.describeSize(size)
                                + ", more than the limit of " + ReadOptions.describeSize(options.maxFileSize())
                                + " (--max-file-size)");
                    }
                    return new Source(path, options.followLinks(), size, byteOrderMarkLength(channel));
                }
            } catch (NoSuchFileException e) {
                throw new UnusableFileException(path, "no such file");
            } catch (FileSystemException e) {
                if (!options.followLinks() && Files.isSymbolicLink(path)) {
                    throw new UnusableFileException(path, "it is a symbolic link; links are not followed here, "
                            + "deliver the file itself");
                }
                throw new UnusableFileException(path, "cannot read it: " + e.getMessage());
            } catch (IOException e) {
                throw new UnusableFileException(path, "cannot read it: " + e.getMessage());
            }
        }

        private static int byteOrderMarkLength(SeekableByteChannel channel) throws IOException {
            ByteBuffer head = ByteBuffer.allocate(3);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // a channel may return fewer bytes than asked
            }
            byte[] bytes = head.array();
            boolean bom = head.position() == 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF;
            return bom ? 3 : 0;
        }

        /** A reader from the first line. */
        FileLines lines() throws IOException {
            return lines(firstByte, 1);
        }

        /** A reader from the line numbered {@code lineNumber}, which starts at byte {@code offset}. */
        FileLines lines(long offset, long lineNumber) throws IOException {
            FileLines lines = new FileLines(channel(path, followLinks), size);
            lines.seek(offset, lineNumber);
            return lines;
        }

        /** Reads every line once: a file that is not UTF-8 is unusable as a whole, before anything is published. */
        void checkUtf8() throws UnusableFileException {
            try {
                if (decodesStrictly()) {
                    return;
                }
            } catch (IOException e) {
                // the reading by lines below says what cannot be read
            }
            // Not UTF-8 as a whole: lines say which byte on which line (or accept the file, when the
            // only bad bytes are in a line too long to be read, as they always did).
            try (FileLines lines = lines()) {
                while (lines.next() != null) {
                    // decoding each line is the check
                }
            } catch (NotUtf8Exception e) {
                throw new UnusableFileException(path, e.getMessage());
            } catch (IOException e) {
                throw new UnusableFileException(path, "cannot read it: " + e.getMessage());
            }
        }

        /**
         * Whether the bytes the readers read are UTF-8, in one pass over them without making lines
         * or strings: what decoding every line costs was a quarter of ingesting a valid file.
         */
        private boolean decodesStrictly() throws IOException {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.allocate(BUFFER_BYTES);
            // UTF-8 never gives more chars than bytes: one decode never overflows this buffer.
            CharBuffer out = CharBuffer.allocate(BUFFER_BYTES);
            try (SeekableByteChannel channel = channel(path, followLinks)) {
                channel.position(firstByte);
                long remaining = size - firstByte;
                boolean end = false;
                while (!end) {
                    if (in.remaining() > remaining) {
                        in.limit(in.position() + (int) remaining);
                    }
                    int read = remaining > 0 ? channel.read(in) : -1;
                    if (read < 0) {
                        end = true;
                    } else {
                        remaining -= read;
                    }
                    in.flip();
                    CoderResult result = decoder.decode(in, out, end);
                    if (result.isError() || result.isOverflow()) {
                        return false;
                    }
                    out.clear();
                    in.compact();
                }
                return !decoder.flush(out).isError();
            }
        }

        private static SeekableByteChannel channel(Path path, boolean followLinks) throws IOException {
            OpenOption[] options = followLinks
                    ? new OpenOption[] {StandardOpenOption.READ}
                    : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
            return Files.newByteChannel(path, options);
        }
    }

    private final SeekableByteChannel channel;
    private final long limit;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int filled;
    /** Offset in the file of the buffer's first byte. */
    private long bufferStart;
    /** Offset in the file of the next byte to read. */
    private long offset;
    private long nextNumber = 1;
    private byte[] line = new byte[256];

    private FileLines(SeekableByteChannel channel, long limit) {
        this.channel = channel;
        this.limit = limit;
    }

    /** Goes to byte {@code offset}, where line {@code lineNumber} starts (within the buffer if it still holds it). */
    void seek(long offset, long lineNumber) throws IOException {
        if (offset >= bufferStart && offset <= bufferStart + filled) {
            position = (int) (offset - bufferStart);
        } else {
            channel.position(offset);
            bufferStart = offset;
            position = 0;
            filled = 0;
        }
        this.offset = offset;
        this.nextNumber = lineNumber;
    }

    /** Byte offset where the next line starts. */
    long offset() {
        return offset;
    }

    long nextLineNumber() {
        return nextNumber;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        if (position == filled && !fill()) {
            return null;
        }
        long start = offset;
        long length = 0;
        String terminator = "";
        while (position < filled || fill()) {
            int end = position;
            while (end < filled && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            keep(length, end - position);
            length += end - position;
            offset += end - position;
            position = end;
            if (end < filled) {
                terminator = lineBreak();
                break;
            }
        }
        long number = nextNumber++;
        if (length > MAX_LINE_BYTES) {
            String preview = new String(line, 0, 4 * PREVIEW_CHARS, StandardCharsets.UTF_8);
            return new Line(number, preview.substring(0, Math.min(PREVIEW_CHARS, preview.length())), terminator,
                    start, offset, true);
        }
        return new Line(number, decode(number, (int) length), terminator, start, offset, false);
    }

    /** Reads the line break at {@code position}: {@code \n}, {@code \r\n} or {@code \r}. */
    private String lineBreak() throws IOException {
        byte first = buffer[position++];
        offset++;
        if (first == '\n') {
            return "\n";
        }
        if ((position < filled || fill()) && buffer[position] == '\n') {
            position++;
            offset++;
            return "\r\n";
        }
        return "\r";
    }

    /** Keeps {@code count} bytes from the buffer as the line's bytes from {@code at}, up to the limit. */
    private void keep(long at, int count) {
        if (count == 0 || at >= MAX_LINE_BYTES + 1L) {
            return;
        }
        int kept = (int) Math.min(count, MAX_LINE_BYTES + 1L - at);
        int needed = (int) at + kept;
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, Math.min(line.length * 2, MAX_LINE_BYTES + 1)));
        }
        System.arraycopy(buffer, position, line, (int) at, kept);
    }

    private boolean fill() throws IOException {
        long remaining = limit - offset;
        if (remaining <= 0) {
            return false;
        }
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining));
        int read = channel.read(target);
        if (read <= 0) {
            return false;
        }
        bufferStart = offset;
        position = 0;
        filled = read;
        return true;
    }

    /** The line's text; invalid UTF-8 is an error, not a replacement character. */
    private String decode(long number, int length) throws NotUtf8Exception {
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // Either the file holds U+FFFD itself, or bytes that are not UTF-8: only a strict decoder tells.
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(line, 0, length);
            CoderResult result = decoder.decode(in, CharBuffer.allocate(length), true);
            if (result.isError()) {
                throw new NotUtf8Exception(number, line[in.position()]);
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Reads one item at a time from a file; null at the end. */
    interface ItemReader<T> {
        T next() throws IOException;
    }

    /** The items {@code reader} gives, as a stream that closes {@code lines} when closed. */
    static <T> Stream<T> stream(FileLines lines, ItemReader<T> reader) {
        Iterator<T> iterator = new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = reader.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T item = next;
                next = null;
                return item;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        lines.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}

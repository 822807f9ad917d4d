package org.medpulse.producer.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A partner file's text, decoded strictly as UTF-8 with any byte-order mark removed, with the
 * offsets where its physical lines start. Line breaks are {@code \r\n}, {@code \n} or a lone
 * {@code \r}, as commons-csv counts them. Partner files are survey waves, small enough to hold.
 */
public final class FileText {

    private static final char BOM = '\uFEFF';

    private final String text;
    private final int[] lineStarts;

    private FileText(String text) {
        this.text = text;
        this.lineStarts = lineStarts(text);
    }

    public static FileText of(String text) {
        return new FileText(!text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text);
    }

    /** Reads {@code path}; an unreadable or non-UTF-8 file is unusable as a whole. */
    public static FileText read(Path path) throws UnusableFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UnusableFileException(path, "no such file");
        } catch (IOException e) {
            throw new UnusableFileException(path, "cannot read it: " + e.getMessage());
        }
        return of(decode(path, bytes));
    }

    private static String decode(Path path, byte[] bytes) throws UnusableFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            int badByte = firstInvalidUtf8(bytes);
            throw new UnusableFileException(path, "not UTF-8 text (invalid byte 0x"
                    + Integer.toHexString(bytes[badByte] & 0xff) + " on line " + physicalLineOfByte(bytes, badByte)
                    + "); save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static long physicalLineOfByte(byte[] bytes, int index) {
        long line = 1;
        for (int i = 0; i < index; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'));
            if (lineBreak && i + 1 < text.length()) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    public String text() {
        return text;
    }

    /** Number of physical lines (a final line break does not start another line). */
    public int lineCount() {
        return text.isEmpty() ? 0 : lineStarts.length;
    }

    /** The 1-based physical line that contains character {@code offset}. */
    public long lineAt(long offset) {
        int index = Arrays.binarySearch(lineStarts, (int) offset);
        return (index >= 0 ? index : -index - 2) + 1L;
    }

    /** Character offset where 1-based {@code line} starts. */
    public int startOf(long line) {
        return line > lineStarts.length ? text.length() : lineStarts[(int) line - 1];
    }

    /** Lines {@code first} to {@code last} (1-based, inclusive), without the final line break. */
    public String lines(long first, long last) {
        int from = startOf(first);
        int to = last >= lineStarts.length ? text.length() : lineStarts[(int) last];
        return stripLineBreak(text.substring(from, Math.max(from, to)));
    }

    public String line(long line) {
        return lines(line, line);
    }

    private static String stripLineBreak(String s) {
        int end = s.length();
        if (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '\r') {
            end--;
        }
        return s.substring(0, end);
    }
}

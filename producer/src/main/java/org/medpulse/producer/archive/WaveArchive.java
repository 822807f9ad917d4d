package org.medpulse.producer.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.UnusableFileException;

/**
 * The archive format of historic waves: an Avro object container file of {@code SurveyResponse}
 * records, schema embedded (so any Avro reader can open it years later), deflate-compressed, with
 * the wave, source topic and export time in the file's metadata.
 */
public final class WaveArchive {

    public static final String META_WAVE = "medpulse.wave";
    public static final String META_TOPIC = "medpulse.topic";
    public static final String META_EXPORTED_AT = "medpulse.exported-at";
    static final int DEFLATE_LEVEL = 6;

    private WaveArchive() {
    }

    /** Writes an archive to a temporary file beside {@code target}; {@link Writer#commit()} puts it in place. */
    public static Writer create(Path target, String wave, String topic, Instant exportedAt) throws IOException {
        return new Writer(target, wave, topic, exportedAt);
    }

    /** Opens an archive for reading, refusing files that are not archives of survey responses. */
    public static Reader open(Path file) throws UnusableFileException {
        if (!Files.isReadable(file)) {
            throw new UnusableFileException(file, Files.exists(file) ? "cannot read it" : "no such file");
        }
        DataFileReader<SurveyResponse> reader;
        try {
            reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(SurveyResponse.class));
        } catch (IOException | AvroRuntimeException e) {
            throw new UnusableFileException(file, "not an Avro object container file (" + e.getMessage() + ")");
        }
        Schema writer = reader.getSchema();
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(SurveyResponse.getClassSchema(), writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            close(reader);
            throw new UnusableFileException(file, "holds " + writer.getFullName()
                    + " records, which cannot be read as survey responses: " + compatibility.getDescription());
        }
        return new Reader(file, reader);
    }

    private static void close(DataFileReader<?> reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was read
        }
    }

    /** Writes one archive; nothing appears at the target until {@link #commit()}. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private final DataFileWriter<SurveyResponse> writer;
        private long records;
        private boolean committed;

        private Writer(Path target, String wave, String topic, Instant exportedAt) throws IOException {
            this.target = target.toAbsolutePath();
            this.temporary = this.target.resolveSibling("." + this.target.getFileName() + ".tmp");
            this.writer = new DataFileWriter<>(new SpecificDatumWriter<>(SurveyResponse.class))
                    .setCodec(CodecFactory.deflateCodec(DEFLATE_LEVEL));
            writer.setMeta(META_WAVE, wave);
            writer.setMeta(META_TOPIC, topic);
            writer.setMeta(META_EXPORTED_AT, exportedAt.toString());
            writer.create(SurveyResponse.getClassSchema(), temporary.toFile());
        }

        public void append(SurveyResponse response) throws IOException {
            writer.append(response);
            records++;
        }

        public long records() {
            return records;
        }

        /** Closes the file and moves it to the target, replacing any older archive there. */
        public void commit() throws IOException {
            writer.close();
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                writer.close();
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Reads one archive. */
    public static final class Reader implements AutoCloseable, Iterable<SurveyResponse> {
        private final Path file;
        private final DataFileReader<SurveyResponse> reader;

        private Reader(Path file, DataFileReader<SurveyResponse> reader) {
            this.file = file;
            this.reader = reader;
        }

        public Path file() {
            return file;
        }

        public Optional<String> metadata(String key) {
            byte[] value = reader.getMeta(key);
            return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
        }

        public Optional<String> wave() {
            return metadata(META_WAVE);
        }

        public String codec() {
            return reader.getMetaString("avro.codec");
        }

        public Schema writerSchema() {
            return reader.getSchema();
        }

        @Override
        public Iterator<SurveyResponse> iterator() {
            return reader;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** How many records {@code file} holds, from its block headers, without decoding them. */
    public static long count(Path file) throws UnusableFileException {
        try (Reader archive = open(file)) {
            long total = 0;
            while (archive.reader.hasNext()) {
                total += archive.reader.getBlockCount();
                archive.reader.nextBlock();
            }
            return total;
        } catch (IOException | AvroRuntimeException e) {
            throw new UnusableFileException(file, "damaged archive: " + e.getMessage());
        }
    }
}

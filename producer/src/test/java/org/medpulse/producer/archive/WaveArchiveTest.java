package org.medpulse.producer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.UnusableFileException;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;

class WaveArchiveTest {

    @TempDir
    Path dir;

    static List<SurveyResponse> wave(int respondents) {
        return PanelSimulator.of(PanelSettings.of("2025-06", respondents, Instant.parse("2025-06-01T00:00:00Z"),
                Instant.parse("2025-07-01T00:00:00Z"))).deliveries().toList();
    }

    @Test
    void anArchiveIsAnAvroContainerWithTheSchemaEmbeddedCompressedAndDescribed() throws Exception {
        List<SurveyResponse> responses = wave(300);
        Path file = dir.resolve("wave.avro");
        try (WaveArchive.Writer writer = WaveArchive.create(file, "2025-06", "survey-responses",
                Instant.parse("2026-01-02T03:04:05Z"))) {
            for (SurveyResponse response : responses) {
                writer.append(response);
            }
            assertThat(file).doesNotExist();
            writer.commit();
        }
        assertThat(dir.toFile().list()).containsExactly("wave.avro");
        assertThat(WaveArchive.count(file)).isEqualTo(responses.size());

        // Any Avro reader, without our classes, can open it: the schema is in the file.
        try (DataFileReader<GenericRecord> generic = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            assertThat(generic.getSchema()).isEqualTo(SurveyResponse.getClassSchema());
            assertThat(generic.getMetaString("avro.codec")).isEqualTo("deflate");
            assertThat(generic.getMetaString(WaveArchive.META_WAVE)).isEqualTo("2025-06");
            assertThat(generic.getMetaString(WaveArchive.META_TOPIC)).isEqualTo("survey-responses");
            assertThat(generic.getMetaString(WaveArchive.META_EXPORTED_AT)).isEqualTo("2026-01-02T03:04:05Z");
        }
        List<SurveyResponse> read = new ArrayList<>();
        try (WaveArchive.Reader reader = WaveArchive.open(file)) {
            assertThat(reader.wave()).contains("2025-06");
            reader.forEach(read::add);
        }
        assertThat(read).isEqualTo(responses);
        assertThat(Files.size(file)).isLessThan(responses.size() * 120L);
    }

    @Test
    void anUncommittedArchiveLeavesNoFile() throws Exception {
        Path file = dir.resolve("wave.avro");
        try (WaveArchive.Writer writer = WaveArchive.create(file, "2025-06", "t", Instant.now())) {
            writer.append(wave(1).get(0));
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void filesThatAreNotArchivesOfSurveyResponsesAreRefused() throws Exception {
        Path text = dir.resolve("notes.avro");
        Files.writeString(text, "not avro");
        assertThatThrownBy(() -> WaveArchive.open(text)).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("not an Avro object container file");
        assertThatThrownBy(() -> WaveArchive.count(dir.resolve("missing.avro")))
                .isInstanceOf(UnusableFileException.class).hasMessageContaining("no such file");

        Schema other = SchemaBuilder.record("Invoice").namespace("com.example").fields()
                .requiredString("number").endRecord();
        File invoices = dir.resolve("invoices.avro").toFile();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(other))) {
            writer.create(other, invoices);
            GenericRecord invoice = new GenericData.Record(other);
            invoice.put("number", "F-1");
            writer.append(invoice);
        }
        assertThatThrownBy(() -> WaveArchive.open(invoices.toPath())).isInstanceOf(UnusableFileException.class)
                .hasMessageContaining("holds com.example.Invoice records");
    }
}

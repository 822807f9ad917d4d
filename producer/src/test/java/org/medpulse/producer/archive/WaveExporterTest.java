package org.medpulse.producer.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.SurveySchemas;
import org.medpulse.serde.ConfluentAvroDeserializer;
import org.medpulse.serde.ConfluentAvroSerializer;

class WaveExporterTest {

    static final String TOPIC = "survey-responses";
    static final Map<String, String> SERDE = Map.of("schema.registry.url", "mock://wave-exporter");

    @TempDir
    Path dir;

    @Test
    void exportsTheWavesRecordsUpToTheEndOffsetsSkippingWhatCannotBeDecoded() throws Exception {
        ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>();
        serializer.configure(SERDE, false);
        ConfluentAvroDeserializer<SurveyResponse> deserializer = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        deserializer.configure(SERDE, false);

        List<SurveyResponse> wave = WaveArchiveTest.wave(40);
        SurveyResponse otherWave = SurveyResponse.newBuilder(wave.get(0)).setWaveId("2024-06").build();
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long[] offsets = new long[2];
        for (SurveyResponse response : wave) {
            int partition = Math.floorMod(response.getRespondentId().hashCode(), 2);
            records.add(new ConsumerRecord<>(TOPIC, partition, offsets[partition]++, null,
                    serializer.serialize(TOPIC, response)));
        }
        records.add(new ConsumerRecord<>(TOPIC, 0, offsets[0]++, null, serializer.serialize(TOPIC, otherWave)));
        records.add(new ConsumerRecord<>(TOPIC, 1, offsets[1]++, null, new byte[] {9, 9, 9}));
        consumer.updateEndOffsets(Map.of(p0, offsets[0], p1, offsets[1]));
        // Written after the export started: not part of it.
        records.add(new ConsumerRecord<>(TOPIC, 0, offsets[0]++, null, serializer.serialize(TOPIC, wave.get(1))));
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));

        Path file = dir.resolve("wave.avro");
        ExportResult result = new WaveExporter(consumer, deserializer, TOPIC).export("2025-06", file);

        assertThat(result.scanned()).isEqualTo(wave.size() + 2);
        assertThat(result.exported()).isEqualTo(wave.size());
        assertThat(result.undecodable()).isEqualTo(1);
        List<SurveyResponse> archived = new ArrayList<>();
        try (WaveArchive.Reader reader = WaveArchive.open(file)) {
            reader.forEach(archived::add);
        }
        assertThat(archived).containsExactlyInAnyOrderElementsOf(wave);
    }

    @Test
    void aMissingTopicIsAClearError() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        ConfluentAvroDeserializer<SurveyResponse> deserializer = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        deserializer.configure(SERDE, false);
        assertThatThrownBy(() -> new WaveExporter(consumer, deserializer, TOPIC).export("w", dir.resolve("x.avro")))
                .hasMessage("topic 'survey-responses' does not exist");
        assertThat(dir.toFile().list()).isEmpty();
    }

    /**
     * A topic holding v1 records (written by producers before schema v2) and v2 records: the archive
     * is written with v2, the v1 records in it not asked about drivers, the v2 ones with theirs.
     */
    @Test
    void aWaveOfV1AndV2RecordsIsArchivedWithV2KeepingWhoWasAskedAboutDrivers() throws Exception {
        Map<String, String> serde = Map.of("schema.registry.url", "mock://wave-exporter-v1-v2");
        ConfluentAvroSerializer<SurveyResponse> v2Writer = new ConfluentAvroSerializer<>();
        v2Writer.configure(serde, false);
        ConfluentAvroSerializer<GenericRecord> v1Writer = new ConfluentAvroSerializer<>();
        v1Writer.configure(serde, false);
        ConfluentAvroDeserializer<SurveyResponse> deserializer = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        deserializer.configure(serde, false);

        List<SurveyResponse> wave = WaveArchiveTest.wave(20);
        assertThat(wave).allSatisfy(r -> assertThat(r.getMarketDrivers()).as("the simulator writes v2").isNotNull());
        List<SurveyResponse> expected = new ArrayList<>();
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, new Node(0, "localhost", 9092), null, null)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            SurveyResponse response = wave.get(i);
            byte[] value;
            if (i % 2 == 0) {
                value = v1Writer.serialize(TOPIC, asV1(response));
                expected.add(SurveyResponse.newBuilder(response).setMarketDrivers(null).build());
            } else {
                value = v2Writer.serialize(TOPIC, response);
                expected.add(response);
            }
            records.add(new ConsumerRecord<>(TOPIC, 0, i, null, value));
        }
        consumer.updateEndOffsets(Map.of(p0, (long) records.size()));
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));

        Path file = dir.resolve("wave.avro");
        ExportResult result = new WaveExporter(consumer, deserializer, TOPIC).export("2025-06", file);

        assertThat(result.exported()).isEqualTo(wave.size());
        List<SurveyResponse> archived = new ArrayList<>();
        try (WaveArchive.Reader reader = WaveArchive.open(file)) {
            assertThat(reader.writerSchema()).isEqualTo(SurveySchemas.v2());
            reader.forEach(archived::add);
        }
        assertThat(archived).containsExactlyElementsOf(expected);
        assertThat(archived).filteredOn(r -> r.getMarketDrivers() == null).hasSize((wave.size() + 1) / 2);
        assertThat(archived).filteredOn(r -> r.getMarketDrivers() != null).hasSize(wave.size() / 2)
                .anySatisfy(r -> assertThat(r.getMarketDrivers()).isNotEmpty());
    }

    /** The response as a producer still on v1 writes it: a generic record of the v1 schema (drivers dropped). */
    static GenericRecord asV1(SurveyResponse response) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<SurveyResponse>(SurveyResponse.class).write(response, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(SurveySchemas.v2(), SurveySchemas.v1())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

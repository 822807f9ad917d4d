package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.serde.SurveyResponses.TOPIC;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.SurveySchemas;
import org.medpulse.serde.registry.RegisteredSchema;
import org.medpulse.serde.registry.SchemaNotFoundException;
import org.medpulse.serde.registry.SchemaRegistryClient;

/**
 * The wire bytes of a fixed record, derived by hand from the Avro binary encoding specification
 * (not captured from our own output): a third-party Confluent-format reader must see exactly these.
 */
class GoldenBytesTest {

    private static final int SCHEMA_ID = 1234;

    /*
     * Avro binary encoding, field by field in schema order:
     * - int/long: zig-zag (n << 1 ^ n >> 63), then base-128 varint, low group first, high bit = "more".
     * - string: byte length as a long, then the UTF-8 bytes.
     * - enum: the symbol's index as an int.  union: the branch index as an int, then the value.
     * - array: blocks of (item count as a long, items), ended by a block of count 0.
     *
     * submittedAt = 1_700_000_000_000 ms; zig-zag 3_400_000_000_000 = 0x3179FCAD000; 7-bit groups from
     * the low end: 0x00 0x20 0x2B 0x7E 0x79 0x62 -> with continuation bits: 80 a0 ab fe f9 62.
     * "g\u00e9riatrie" is 10 UTF-8 bytes (\u00e9 = c3 a9): length 10 -> zig-zag 20 = 0x14.
     */
    private static final String EXPECTED_HEX = String.join("",
            "00",                               // magic byte
            "000004d2",                         // schema id 1234, 4 bytes big-endian
            "06", "722d31",                     // responseId "r-1" (length 3 -> 06)
            "04", "7031",                       // partnerId "p1" (length 2 -> 04)
            "0a", "646f632d37",                 // respondentId "doc-7" (length 5 -> 0a)
            "0e", "323032352d3036",             // waveId "2025-06" (length 7 -> 0e)
            "80a0abfef962",                     // submittedAt 1_700_000_000_000
            "02",                               // practiceType SPECIALIST (index 1 -> 02)
            "02", "14", "67c3a97269617472 6965",// specialty: union branch 1 (string), "g\u00e9riatrie"
            "04",                               // setting MIXED (index 2 -> 04)
            "00",                               // region: union branch 0 (null), no value
            "06",                               // usageFrequency WEEKLY (index 3 -> 06)
            "04", "06", "02", "00",             // useCases: block of 2, DIAGNOSIS (3), REFERRAL_LETTERS (1), end
            "02", "08", "00",                   // barriers: block of 1, DATA_PRIVACY (4), end
            "04",                               // tools: block of 2
            "0e", "43686174475054",             //   tool "ChatGPT" (length 7 -> 0e)
            "02", "0a",                         //   frequency: union branch 1, DAILY (5 -> 0a)
            "10", "446f63746f6c6962",           //   tool "Doctolib" (length 8 -> 10)
            "00",                               //   frequency: union branch 0 (null)
            "00",                               // tools: end of blocks
            "02", "12", "00",                   // expectedFutureUseCases: block of 1, PATIENT_COMMUNICATION (9), end
            "00")                               // marketDrivers (v2): union branch 0 (null: not asked)
            .replace(" ", "");

    /** The same record as a v1 writer (schema id 1233) wrote it: no marketDrivers at all. */
    private static final int V1_SCHEMA_ID = 1233;
    private static final String V1_HEX = "00000004d1" + EXPECTED_HEX.substring(10, EXPECTED_HEX.length() - 2);

    private final SchemaRegistryClient registry = new FixedIdRegistry(SCHEMA_ID, SurveyResponse.getClassSchema(),
            V1_SCHEMA_ID, SurveySchemas.v1());
    private final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused");

    @Test
    void aFixedSurveyResponseIsWrittenAsTheBytesTheSpecificationPrescribes() {
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config, false);

            byte[] written = serializer.serialize(TOPIC, SurveyResponses.golden());

            assertThat(HexFormat.of().formatHex(written)).isEqualTo(EXPECTED_HEX);
        }
    }

    @Test
    void theHandDerivedBytesDecodeIntoTheFixedSurveyResponse() {
        try (ConfluentAvroDeserializer<SurveyResponse> deserializer =
                new ConfluentAvroDeserializer<>(SurveyResponse.class, registry)) {
            deserializer.configure(config, false);

            SurveyResponse read = deserializer.deserialize(TOPIC, HexFormat.of().parseHex(EXPECTED_HEX));

            assertThat(read).isEqualTo(SurveyResponses.golden());
        }
    }

    @Test
    void bytesAV1WriterWroteDecodeIntoTheV2ClassAsNotAskedAboutDrivers() {
        try (ConfluentAvroDeserializer<SurveyResponse> deserializer =
                new ConfluentAvroDeserializer<>(SurveyResponse.class, registry)) {
            deserializer.configure(config, false);

            SurveyResponse read = deserializer.deserialize(TOPIC, HexFormat.of().parseHex(V1_HEX));

            assertThat(read).isEqualTo(SurveyResponses.golden());
            assertThat(read.getMarketDrivers()).isNull();
        }
    }

    @Test
    void aGenericRecordOfTheSameContentIsWrittenAsTheSameBytes() {
        try (ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>(registry);
                ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(registry)) {
            deserializer.configure(config, false);
            serializer.configure(config, false);

            GenericRecord generic = deserializer.deserialize(TOPIC, HexFormat.of().parseHex(EXPECTED_HEX));

            assertThat(generic).isNotInstanceOf(SurveyResponse.class);
            assertThat(generic.get("submittedAt")).isEqualTo(1_700_000_000_000L);
            assertThat(HexFormat.of().formatHex(serializer.serialize(TOPIC, generic))).isEqualTo(EXPECTED_HEX);
        }
    }

    /** A registry that knows a schema under one fixed id (the one it registers), and an older one under another. */
    private static final class FixedIdRegistry implements SchemaRegistryClient {
        private final int id;
        private final Schema schema;
        private final int olderId;
        private final Schema older;

        FixedIdRegistry(int id, Schema schema, int olderId, Schema older) {
            this.id = id;
            this.schema = schema;
            this.olderId = olderId;
            this.older = older;
        }

        @Override
        public int register(String subject, Schema candidate) {
            return id;
        }

        @Override
        public int getId(String subject, Schema candidate) {
            return id;
        }

        @Override
        public Schema getSchemaById(int requested) {
            if (requested == olderId) {
                return older;
            }
            if (requested != id) {
                throw new SchemaNotFoundException("Schema " + requested + " not found");
            }
            return schema;
        }

        @Override
        public RegisteredSchema getLatestSchema(String subject) {
            return new RegisteredSchema(subject, 1, id, schema);
        }

        @Override
        public List<String> getSubjects() {
            return List.of();
        }
    }
}

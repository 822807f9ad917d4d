package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.SurveySchemas;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

/** Records written with another compatible version of SurveyResponse decode into the version the reader wants. */
class SchemaEvolutionTest {

    private static final Schema CURRENT = SurveyResponse.getClassSchema();
    /** A hypothetical next version: a new field with a default, so current readers ignore it and its readers fill it in. */
    private static final Schema NEWER = withFields(CURRENT, f -> true,
            new Schema.Field("country", Schema.create(Schema.Type.STRING), "ISO country of practice.", "FR"));
    /** An older version: before expectedFutureUseCases existed (its default is []). */
    private static final Schema OLDER = withFields(CURRENT, f -> !f.name().equals("expectedFutureUseCases"));
    /** A version no current data can be read as: a new field without a default. */
    private static final Schema INCOMPATIBLE = withFields(CURRENT, f -> true,
            new Schema.Field("yearsInPractice", Schema.create(Schema.Type.INT), "Years since qualification."));

    private final String scope = SurveyResponses.newScope();
    private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void recordsWrittenWithANewerSchemaDecodeIntoTheCurrentClasses() {
        GenericRecord v2Record = asSchema(SurveyResponses.golden(), NEWER);
        v2Record.put("country", "BE");

        byte[] bytes = serializeGeneric(v2Record);

        assertThat(idOf(bytes)).isEqualTo(registry.getId(TOPIC + "-value", NEWER));
        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(SurveyResponses.golden());
    }

    @Test
    void recordsWrittenWithTheCurrentSchemaDecodeIntoANewerGenericReaderWithTheDefault() {
        byte[] bytes = serializeSpecific(SurveyResponses.golden());

        GenericRecord read;
        try (ConfluentAvroDeserializer<GenericRecord> deserializer = ConfluentAvroDeserializer.generic(NEWER, registry)) {
            deserializer.configure(config(scope), false);
            read = deserializer.deserialize(TOPIC, bytes);
        }

        assertThat(read.getSchema()).isEqualTo(NEWER);
        assertThat(read.get("country")).hasToString("FR");
        assertThat(read.get("responseId")).hasToString("r-1");
        assertThat(read.get("tools")).asList().hasSize(2);
    }

    @Test
    void recordsWrittenWithAnOlderSchemaDecodeIntoTheCurrentClassesWithTheDefault() {
        SurveyResponse expected = SurveyResponses.golden();
        expected.setExpectedFutureUseCases(List.of());

        byte[] bytes = serializeGeneric(asSchema(SurveyResponses.golden(), OLDER));

        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(expected);
    }

    @Test
    void useLatestVersionWritesCurrentRecordsAsTheLatestNewerSchema() {
        registry.register(TOPIC + "-value", CURRENT);
        int v2Id = registry.register(TOPIC + "-value", NEWER);

        byte[] bytes;
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                    AvroSerdeConfig.USE_LATEST_VERSION, true), false);
            bytes = serializer.serialize(TOPIC, SurveyResponses.golden());
        }

        assertThat(idOf(bytes)).isEqualTo(v2Id);
        GenericRecord asWritten = genericDeserializer().deserialize(TOPIC, bytes);
        assertThat(asWritten.getSchema()).isEqualTo(NEWER);
        assertThat(asWritten.get("country")).hasToString("FR");
        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(SurveyResponses.golden());
    }

    @Test
    void theRealV2RegistersAsVersionTwoAfterV1AndTheTwoLiveInOneTopic() {
        SurveyResponse v2 = SurveyResponses.golden();
        v2.setMarketDrivers(List.of(MarketDriver.LACK_OF_MEDICAL_TIME, MarketDriver.PATIENT_DEMAND));
        GenericRecord v1 = asSchema(SurveyResponses.golden(), SurveySchemas.v1());

        byte[] v1Bytes = serializeGeneric(v1);
        byte[] v2Bytes = serializeSpecific(v2);

        assertThat(registry.getLatestSchema(TOPIC + "-value").version()).isEqualTo(2);
        assertThat(idOf(v1Bytes)).isEqualTo(registry.getId(TOPIC + "-value", SurveySchemas.v1()));
        assertThat(idOf(v2Bytes)).isEqualTo(registry.getId(TOPIC + "-value", SurveySchemas.v2())).isNotEqualTo(idOf(v1Bytes));
        SurveyResponse v1AsRead = specificDeserializer().deserialize(TOPIC, v1Bytes);
        assertThat(v1AsRead.getMarketDrivers()).as("a v1 record was not asked about drivers").isNull();
        assertThat(specificDeserializer().deserialize(TOPIC, v2Bytes)).isEqualTo(v2);
        // A v1 reader (a consumer not upgraded yet) reads v2 records, ignoring the new field.
        try (ConfluentAvroDeserializer<GenericRecord> v1Reader = ConfluentAvroDeserializer.generic(SurveySchemas.v1(), registry)) {
            v1Reader.configure(config(scope), false);
            assertThat(v1Reader.deserialize(TOPIC, v2Bytes).get("responseId")).hasToString("r-1");
        }
    }

    @Test
    void aMarketDriverAddedLaterReadsAsOtherForTodaysReaders() {
        Schema later = SchemaBuilder.enumeration("MarketDriver").namespace("org.medpulse.avro").defaultSymbol("OTHER")
                .symbols("LACK_OF_MEDICAL_TIME", "NO_RIGHT_TO_ERROR", "REPETITIVE_TASKS", "KNOWLEDGE_VOLUME",
                        "PERSONALISED_MEDICINE", "CURRICULUM_CHANGE", "REGULATORY_CHANGE", "PATIENT_DEMAND", "OTHER",
                        "TELEMEDICINE");
        Schema withLater = withFields(CURRENT, f -> !f.name().equals("marketDrivers"), new Schema.Field("marketDrivers",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.createArray(later)), null, Schema.Field.NULL_DEFAULT_VALUE));
        GenericRecord record = asSchema(SurveyResponses.golden(), withLater);
        record.put("marketDrivers", List.of(new GenericData.EnumSymbol(later, "TELEMEDICINE")));

        SurveyResponse read = specificDeserializer().deserialize(TOPIC, serializeGeneric(record));

        assertThat(read.getMarketDrivers()).containsExactly(MarketDriver.OTHER);
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotRepresentTheRecord() {
        registry.register(TOPIC + "-value", INCOMPATIBLE);
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                    AvroSerdeConfig.USE_LATEST_VERSION, true), false);

            assertThatThrownBy(() -> serializer.serialize(TOPIC, SurveyResponses.golden()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("latest schema of subject 'survey-responses-value'")
                    .hasMessageContaining("yearsInPractice");
        }
    }

    @Test
    void useLatestVersionWithAutoRegistrationIsRefusedAtConfiguration() {
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            assertThatThrownBy(() -> serializer.configure(
                    config(scope, AvroSerdeConfig.USE_LATEST_VERSION, true), false))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("auto.register.schemas=false");
        }
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsAClearError() {
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            assertThatThrownBy(() -> serializer.serialize(TOPIC, SurveyResponses.golden()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("not usable under subject 'survey-responses-value'")
                    .hasMessageContaining("Subject 'survey-responses-value' not found");
        }
    }

    @Test
    void aReaderThatCannotReadTheWriterSchemaIsAClearError() {
        byte[] bytes = serializeSpecific(SurveyResponses.golden());

        try (ConfluentAvroDeserializer<GenericRecord> deserializer =
                ConfluentAvroDeserializer.generic(INCOMPATIBLE, registry)) {
            deserializer.configure(config(scope), false);

            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("writer schema id " + idOf(bytes))
                    .hasMessageContaining("cannot be read as org.medpulse.avro.SurveyResponse")
                    .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        }
    }

    private byte[] serializeGeneric(GenericRecord record) {
        try (ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope), false);
            return serializer.serialize(TOPIC, record);
        }
    }

    private byte[] serializeSpecific(SurveyResponse record) {
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope), false);
            return serializer.serialize(TOPIC, record);
        }
    }

    private ConfluentAvroDeserializer<SurveyResponse> specificDeserializer() {
        ConfluentAvroDeserializer<SurveyResponse> deserializer =
                new ConfluentAvroDeserializer<>(SurveyResponse.class, registry);
        deserializer.configure(config(scope), false);
        return deserializer;
    }

    private ConfluentAvroDeserializer<GenericRecord> genericDeserializer() {
        ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>(registry);
        deserializer.configure(config(scope), false);
        return deserializer;
    }

    private static int idOf(byte[] bytes) {
        return WireFormat.schemaId(bytes);
    }

    /** A copy of {@code base}'s record with the fields {@code keep} accepts, then {@code added}. */
    private static Schema withFields(Schema base, Predicate<Schema.Field> keep, Schema.Field... added) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : base.getFields()) {
            if (keep.test(field)) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        fields.addAll(List.of(added));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    /** The specific record's values as a generic record of {@code schema} (fields missing there are dropped). */
    private static GenericRecord asSchema(SurveyResponse response, Schema schema) {
        GenericRecord generic = toGeneric(response);
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            if (CURRENT.getField(field.name()) != null) {
                record.put(field.name(), generic.get(field.name()));
            }
        }
        return record;
    }

    /** Through the wire format, so that logical types and enums come back in their generic form. */
    private static GenericRecord toGeneric(SurveyResponse response) {
        String scope = SurveyResponses.newScope();
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>();
                ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>()) {
            serializer.configure(config(scope), false);
            deserializer.configure(config(scope), false);
            return deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, response));
        } finally {
            InMemorySchemaRegistryClient.dropScope(scope);
        }
    }
}

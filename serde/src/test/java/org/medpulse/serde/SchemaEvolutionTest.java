package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

/** Records written with another compatible version of SurveyResponse decode into the version the reader wants. */
class SchemaEvolutionTest {

    private static final Schema V1 = SurveyResponse.getClassSchema();
    /** v2: a new field with a default, so v1 readers ignore it and v2 readers fill it in for v1 data. */
    private static final Schema V2 = withFields(V1, f -> true,
            new Schema.Field("country", Schema.create(Schema.Type.STRING), "ISO country of practice.", "FR"));
    /** v0: before expectedFutureUseCases existed (its default is []). */
    private static final Schema V0 = withFields(V1, f -> !f.name().equals("expectedFutureUseCases"));
    /** A version no v1 data can be read as: a new field without a default. */
    private static final Schema V3_WITHOUT_DEFAULT = withFields(V1, f -> true,
            new Schema.Field("yearsInPractice", Schema.create(Schema.Type.INT), "Years since qualification."));

    private final String scope = SurveyResponses.newScope();
    private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void recordsWrittenWithTheNewerV2DecodeIntoTheV1Classes() {
        GenericRecord v2Record = asSchema(SurveyResponses.golden(), V2);
        v2Record.put("country", "BE");

        byte[] bytes = serializeGeneric(v2Record);

        assertThat(idOf(bytes)).isEqualTo(registry.getId(TOPIC + "-value", V2));
        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(SurveyResponses.golden());
    }

    @Test
    void recordsWrittenWithV1DecodeIntoAV2GenericReaderWithTheDefault() {
        byte[] bytes = serializeSpecific(SurveyResponses.golden());

        GenericRecord read;
        try (ConfluentAvroDeserializer<GenericRecord> deserializer = ConfluentAvroDeserializer.generic(V2, registry)) {
            deserializer.configure(config(scope), false);
            read = deserializer.deserialize(TOPIC, bytes);
        }

        assertThat(read.getSchema()).isEqualTo(V2);
        assertThat(read.get("country")).hasToString("FR");
        assertThat(read.get("responseId")).hasToString("r-1");
        assertThat(read.get("tools")).asList().hasSize(2);
    }

    @Test
    void recordsWrittenWithTheOlderV0DecodeIntoTheV1ClassesWithTheDefault() {
        SurveyResponse expected = SurveyResponses.golden();
        expected.setExpectedFutureUseCases(List.of());

        byte[] bytes = serializeGeneric(asSchema(SurveyResponses.golden(), V0));

        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(expected);
    }

    @Test
    void useLatestVersionWritesV1RecordsAsTheLatestV2() {
        registry.register(TOPIC + "-value", V1);
        int v2Id = registry.register(TOPIC + "-value", V2);

        byte[] bytes;
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                    AvroSerdeConfig.USE_LATEST_VERSION, true), false);
            bytes = serializer.serialize(TOPIC, SurveyResponses.golden());
        }

        assertThat(idOf(bytes)).isEqualTo(v2Id);
        GenericRecord asWritten = genericDeserializer().deserialize(TOPIC, bytes);
        assertThat(asWritten.getSchema()).isEqualTo(V2);
        assertThat(asWritten.get("country")).hasToString("FR");
        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(SurveyResponses.golden());
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotRepresentTheRecord() {
        registry.register(TOPIC + "-value", V3_WITHOUT_DEFAULT);
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
                ConfluentAvroDeserializer.generic(V3_WITHOUT_DEFAULT, registry)) {
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
            if (V1.getField(field.name()) != null) {
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

package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.util.List;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

class SerdeRoundTripTest {

    private final String scope = SurveyResponses.newScope();

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void specificRecordsSurviveARoundTrip() {
        try (Serde<SurveyResponse> serde = ConfluentAvroSerde.specific(SurveyResponse.class, config(scope), false)) {
            for (SurveyResponse response : List.of(SurveyResponses.golden(), SurveyResponses.minimal("r-2"))) {
                byte[] bytes = serde.serializer().serialize(TOPIC, response);

                assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(response);
            }
        }
    }

    @Test
    void nullStaysNullBothWays() {
        try (Serde<SurveyResponse> serde = ConfluentAvroSerde.specific(SurveyResponse.class, config(scope), false)) {
            assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
            assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        }
    }

    @Test
    void genericRecordsSurviveARoundTripAsGenericRecords() {
        GenericRecord tool = new GenericRecordBuilder(ToolUsage.getClassSchema())
                .set("tool", "Dragon Medical")
                .set("frequency", new GenericData.EnumSymbol(
                        ToolUsage.getClassSchema().getField("frequency").schema().getTypes().get(1), "MONTHLY"))
                .build();
        GenericRecord response = new GenericRecordBuilder(SurveyResponse.getClassSchema())
                .set("responseId", "g-1")
                .set("partnerId", "p3")
                .set("respondentId", "doc-g")
                .set("waveId", "2025-08")
                .set("submittedAt", 1_754_000_000_000L)
                .set("practiceType", enumSymbol("practiceType", "OTHER"))
                .set("setting", enumSymbol("setting", "PRIVATE_PRACTICE"))
                .set("region", "Bretagne")
                .set("usageFrequency", enumSymbol("usageFrequency", "DAILY"))
                .set("tools", List.of(tool))
                .build();

        try (Serde<GenericRecord> serde = ConfluentAvroSerde.generic(config(scope), false)) {
            GenericRecord read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, response));

            assertThat(read).isNotInstanceOf(SurveyResponse.class).isEqualTo(response);
            assertThat(read.get("region")).hasToString("Bretagne");
        }
    }

    @Test
    void specificAvroReaderDecodesIntoTheGeneratedClass() {
        try (Serde<GenericRecord> serde = ConfluentAvroSerde.generic(
                config(scope, AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false)) {
            GenericRecord read = serde.deserializer()
                    .deserialize(TOPIC, serde.serializer().serialize(TOPIC, SurveyResponses.golden()));

            assertThat(read).isInstanceOf(SurveyResponse.class).isEqualTo(SurveyResponses.golden());
        }
    }

    @Test
    void withoutSpecificAvroReaderAGeneratedRecordIsReadBackGeneric() {
        try (Serde<GenericRecord> serde = ConfluentAvroSerde.generic(config(scope), false)) {
            GenericRecord read = serde.deserializer()
                    .deserialize(TOPIC, serde.serializer().serialize(TOPIC, SurveyResponses.golden()));

            assertThat(read).isInstanceOf(GenericData.Record.class);
            assertThat(read.get("responseId")).hasToString("r-1");
            assertThat(read.get("submittedAt")).isEqualTo(1_700_000_000_000L);
        }
    }

    @Test
    void serdesOfTheSameScopeShareOneRegistry() {
        try (Serde<SurveyResponse> writer = ConfluentAvroSerde.specific(SurveyResponse.class, config(scope), false);
                Serde<SurveyResponse> reader =
                        ConfluentAvroSerde.specific(SurveyResponse.class, config(scope), false)) {
            byte[] bytes = writer.serializer().serialize(TOPIC, SurveyResponses.golden());

            assertThat(reader.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SurveyResponses.golden());
        }
    }

    private static GenericData.EnumSymbol enumSymbol(String field, String symbol) {
        return new GenericData.EnumSymbol(SurveyResponse.getClassSchema().getField(field).schema(), symbol);
    }
}

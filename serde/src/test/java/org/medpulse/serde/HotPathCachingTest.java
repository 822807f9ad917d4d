package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

/** The registry is asked once per (subject, schema) and once per id, never once per record. */
class HotPathCachingTest {

    private static final int RECORDS = 1_000;

    private final String scope = SurveyResponses.newScope();
    private final CountingRegistry registry = new CountingRegistry(InMemorySchemaRegistryClient.forScope(scope));

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @Test
    void serialisingAndDeserialisingManyRecordsCallsTheRegistryOnceEach() {
        List<byte[]> written = new ArrayList<>();
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry);
                ConfluentAvroDeserializer<SurveyResponse> deserializer =
                        new ConfluentAvroDeserializer<>(SurveyResponse.class, registry)) {
            serializer.configure(config(scope), false);
            deserializer.configure(config(scope), false);

            for (int i = 0; i < RECORDS; i++) {
                written.add(serializer.serialize(TOPIC, SurveyResponses.minimal("r-" + i)));
            }
            for (int i = 0; i < RECORDS; i++) {
                assertThat(deserializer.deserialize(TOPIC, written.get(i)).getResponseId()).isEqualTo("r-" + i);
            }
        }

        assertThat(registry.calls("register")).isEqualTo(1);
        assertThat(registry.calls("getSchemaById")).isEqualTo(1);
        assertThat(registry.totalCalls()).isEqualTo(2);
    }

    @Test
    void withoutAutoRegistrationTheIdIsLookedUpOnce() {
        InMemorySchemaRegistryClient.forScope(scope).register(TOPIC + "-value", SurveyResponse.getClassSchema());
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

            for (int i = 0; i < RECORDS; i++) {
                serializer.serialize(TOPIC, SurveyResponses.minimal("r-" + i));
            }
        }

        assertThat(registry.calls("getId")).isEqualTo(1);
        assertThat(registry.totalCalls()).isEqualTo(1);
    }

    @Test
    void withUseLatestVersionTheLatestSchemaIsFetchedOnce() {
        InMemorySchemaRegistryClient.forScope(scope).register(TOPIC + "-value", SurveyResponse.getClassSchema());
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>(registry)) {
            serializer.configure(config(scope, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                    AvroSerdeConfig.USE_LATEST_VERSION, true), false);

            for (int i = 0; i < RECORDS; i++) {
                serializer.serialize(TOPIC, SurveyResponses.minimal("r-" + i));
            }
        }

        assertThat(registry.calls("getLatestSchema")).isEqualTo(1);
        assertThat(registry.totalCalls()).isEqualTo(1);
    }
}

package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

class SubjectNameStrategyTest {

    private static final String RECORD = "org.medpulse.avro.SurveyResponse";

    private final String scope = SurveyResponses.newScope();

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of("io.confluent.kafka.serializers.subject.TopicNameStrategy", false, TOPIC + "-value"),
                Arguments.of("io.confluent.kafka.serializers.subject.TopicNameStrategy", true, TOPIC + "-key"),
                Arguments.of("io.confluent.kafka.serializers.subject.RecordNameStrategy", false, RECORD),
                Arguments.of("io.confluent.kafka.serializers.subject.RecordNameStrategy", true, RECORD),
                Arguments.of("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", false,
                        TOPIC + "-" + RECORD),
                Arguments.of("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", true,
                        TOPIC + "-" + RECORD),
                Arguments.of("TopicNameStrategy", true, TOPIC + "-key"),
                Arguments.of("RecordNameStrategy", false, RECORD),
                Arguments.of("TopicRecordNameStrategy", true, TOPIC + "-" + RECORD));
    }

    @ParameterizedTest(name = "{0} as key={1} registers under {2}")
    @MethodSource("strategies")
    void theSerializerRegistersUnderTheSubjectTheStrategyNames(String strategy, boolean isKey, String subject) {
        String key = isKey ? AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY : AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY;
        try (Serde<SurveyResponse> serde = ConfluentAvroSerde.specific(SurveyResponse.class,
                config(scope, key, strategy), isKey)) {
            byte[] bytes = serde.serializer().serialize(TOPIC, SurveyResponses.golden());

            assertThat(InMemorySchemaRegistryClient.forScope(scope).getSubjects()).containsExactly(subject);
            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(SurveyResponses.golden());
        }
    }

    @Test
    void theKeyStrategyDoesNotApplyToValuesNorTheReverse() {
        try (Serde<SurveyResponse> values = ConfluentAvroSerde.specific(SurveyResponse.class,
                config(scope, AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "RecordNameStrategy"), false)) {
            values.serializer().serialize(TOPIC, SurveyResponses.golden());

            assertThat(InMemorySchemaRegistryClient.forScope(scope).getSubjects()).containsExactly(TOPIC + "-value");
        }
    }

    @Test
    void anUnknownStrategyIsAConfigurationError() {
        assertThatThrownBy(() -> ConfluentAvroSerde.specific(SurveyResponse.class,
                config(scope, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "com.example.MyStrategy"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("com.example.MyStrategy")
                .hasMessageContaining("TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
    }
}

package org.medpulse.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.devstack.registry.RegistryHttp.Reply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the registry lets the real contract, survey-response.avsc, evolve under the default level
 * (BACKWARD) and stricter ones.
 *
 * <p>As in Confluent (and Avro's resolution rules), BACKWARD asks that the new schema read data
 * written with the old one: adding a field needs a default, while removing a field, even one
 * without a default, is allowed because the new reader simply skips it. Removing a field without
 * a default breaks consumers still on the old schema, so FORWARD and FULL refuse it.
 */
class SurveyResponseEvolutionTest {

    private static final String SUBJECT = "survey-responses-value";

    private SchemaRegistryServer server;
    private RegistryHttp http;

    @BeforeEach
    void registerTheContract() {
        server = SchemaRegistryServer.inMemory(0);
        http = new RegistryHttp(server.url());
        assertThat(http.register(SUBJECT, SurveyResponse.getClassSchema().toString()).id()).isEqualTo(1);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void acceptsAV2AddingAFieldWithADefault() {
        ObjectNode v2 = v1();
        fields(v2).addObject().put("name", "consentVersion").putNull("default")
                .putArray("type").add("null").add("string");

        assertThat(http.register(SUBJECT, v2.toString()).id()).isEqualTo(2);
        assertThat(http.get("/subjects/" + SUBJECT + "/versions").json()).hasToString("[1,2]");
    }

    @Test
    void refusesAV2AddingAFieldWithoutADefault() {
        ObjectNode v2 = v1();
        fields(v2).addObject().put("name", "consentVersion").put("type", "string");

        Reply refused = http.register(SUBJECT, v2.toString()).isError(409, 409);

        assertThat(refused.message()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("consentVersion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FORWARD", "FULL", "FULL_TRANSITIVE"})
    void refusesAV2RemovingAFieldWithoutADefaultWhenOldConsumersMustReadIt(String level) {
        http.setLevel(SUBJECT, level).isOk();

        Reply refused = http.register(SUBJECT, withoutField("responseId")).isError(409, 409);

        assertThat(refused.message()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("responseId");
    }

    @Test
    void acceptsAV2RemovingAFieldWithoutADefaultUnderBackwardAsConfluentDoes() {
        assertThat(http.register(SUBJECT, withoutField("responseId")).id()).isEqualTo(2);
    }

    @Test
    void acceptsAV2RemovingAFieldWithADefaultUnderFull() {
        http.setLevel(SUBJECT, "FULL").isOk();

        assertThat(http.register(SUBJECT, withoutField("region")).id()).isEqualTo(2);
    }

    private String withoutField(String name) {
        ObjectNode v2 = v1();
        ArrayNode fields = fields(v2);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(name)) {
                fields.remove(i);
                return v2.toString();
            }
        }
        throw new IllegalArgumentException("No field " + name);
    }

    private static ObjectNode v1() {
        return (ObjectNode) RegistryHttp.tree(SurveyResponse.getClassSchema().toString());
    }

    private static ArrayNode fields(ObjectNode schema) {
        return (ArrayNode) schema.get("fields");
    }
}

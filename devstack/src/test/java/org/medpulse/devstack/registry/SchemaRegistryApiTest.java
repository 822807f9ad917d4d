package org.medpulse.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.devstack.registry.TestSchemas.LABEL;
import static org.medpulse.devstack.registry.TestSchemas.LABEL_WITH_DEFAULT;
import static org.medpulse.devstack.registry.TestSchemas.REGION;
import static org.medpulse.devstack.registry.TestSchemas.V1;
import static org.medpulse.devstack.registry.TestSchemas.WAVE_ID;
import static org.medpulse.devstack.registry.TestSchemas.field;
import static org.medpulse.devstack.registry.TestSchemas.wave;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.devstack.registry.RegistryHttp.Reply;
import org.medpulse.devstack.registry.core.SchemaStorage;
import org.medpulse.devstack.registry.core.SchemaStorageException;
import org.medpulse.devstack.registry.core.StoreRecord;

import com.fasterxml.jackson.databind.JsonNode;

/** Every endpoint and error code of the registry, through HTTP, on an in-memory registry. */
class SchemaRegistryApiTest {

    private static final String V2 = wave(WAVE_ID, LABEL, REGION);

    private SchemaRegistryServer server;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        server = SchemaRegistryServer.inMemory(0);
        http = new RegistryHttp(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnTheLoopbackPortItReports() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(http.get("/").isOk().json()).isEqualTo(RegistryHttp.object());
    }

    @Test
    void answersAStorageFailureWith50001AndKeepsNothingOfTheChange() {
        FlakyStorage storage = new FlakyStorage();
        try (SchemaRegistryServer flaky = SchemaRegistryServer.start(0, storage)) {
            RegistryHttp flakyHttp = new RegistryHttp(flaky.url());
            storage.failing = true;

            Reply reply = flakyHttp.register("waves-value", V1).isError(500, 50001);

            assertThat(reply.message()).contains("broker unreachable");
            assertThat(flakyHttp.get("/subjects").json()).hasToString("[]");
            storage.failing = false;
            assertThat(flakyHttp.register("waves-value", V1).id()).isEqualTo(1);
        }
    }

    /** Storage whose writes fail while {@link #failing} is set. */
    private static final class FlakyStorage implements SchemaStorage {

        volatile boolean failing;

        @Override
        public List<StoreRecord> readAll() {
            return List.of();
        }

        @Override
        public void write(StoreRecord record) {
            if (failing) {
                throw new SchemaStorageException("broker unreachable", null);
            }
        }

        @Override
        public String description() {
            return "flaky";
        }

        @Override
        public void close() {
        }
    }

    @Nested
    class Registering {

        @Test
        void returnsTheSameIdForTheSameSchema() {
            int id = http.register("waves-value", V1).id();

            assertThat(http.register("waves-value", V1).id()).isEqualTo(id);
            assertThat(http.get("/subjects/waves-value/versions").json()).hasToString("[1]");
        }

        @Test
        void givesIdsThatAreGlobalAcrossSubjects() {
            int first = http.register("a-value", V1).id();
            int second = http.register("a-value", V2).id();
            int third = http.register("b-value", wave(WAVE_ID)).id();

            assertThat(List.of(first, second, third)).containsExactly(1, 2, 3);
        }

        @Test
        void givesTheSameSchemaUnderAnotherSubjectTheSameId() {
            int id = http.register("a-value", V1).id();
            http.register("a-value", V2).id();

            assertThat(http.register("b-value", V1).id()).isEqualTo(id);
            JsonNode inB = http.get("/subjects/b-value/versions/1").isOk().json();
            assertThat(inB.get("id").asInt()).isEqualTo(id);
            assertThat(inB.get("version").asInt()).isEqualTo(1);
        }

        @Test
        void takesAReformattedSchemaForTheSameSchema() {
            int id = http.register("waves-value", V1).id();
            String reformatted = """
                    {
                      "fields" : [
                        { "type" : {"type": "string"}, "name" : "waveId" },
                        { "name" : "label", "type" : "string" }
                      ],
                      "namespace" : "org.medpulse.test",
                      "name" : "Wave",
                      "type" : "record"
                    }
                    """;

            assertThat(http.register("waves-value", reformatted).id()).isEqualTo(id);
            assertThat(http.get("/subjects/waves-value/versions").json()).hasToString("[1]");
            assertThat(http.post("/subjects/waves-value", RegistryHttp.schemaBody(reformatted)).isOk()
                    .json().get("id").asInt()).isEqualTo(id);
        }

        @Test
        void takesASchemaDifferingOnlyByADefaultForANewVersion() {
            int id = http.register("waves-value", V1).id();

            int withDefault = http.register("waves-value", wave(WAVE_ID, LABEL_WITH_DEFAULT)).id();

            assertThat(withDefault).isNotEqualTo(id);
            assertThat(http.get("/subjects/waves-value/versions").json()).hasToString("[1,2]");
            assertThat(http.get("/subjects/waves-value/versions/2/schema").json()
                    .at("/fields/1/default").asText()).isEqualTo("none");
        }

        @Test
        void takesCustomPropertiesInAnyOrderForTheSameSchema() {
            int id = http.register("waves-value",
                    wave(field("score", "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}")))
                    .id();

            assertThat(http.register("waves-value",
                    wave(field("score", "{\"scale\":2,\"precision\":4,\"logicalType\":\"decimal\",\"type\":\"bytes\"}")))
                    .id()).isEqualTo(id);
        }

        @Test
        void storesAndReturnsTheParsedSchemaText() {
            http.register("waves-value", " { \"type\" : \"record\", \"name\" : \"Wave\", \"fields\" : [] } ");

            assertThat(http.get("/subjects/waves-value/versions/1").json().get("schema").asText())
                    .isEqualTo("{\"type\":\"record\",\"name\":\"Wave\",\"fields\":[]}");
        }

        @Test
        void refusesAnInvalidSchemaWith42201() {
            Reply reply = http.register("waves-value", "{\"type\":\"record\",\"name\":\"Wave\"}").isError(422, 42201);

            assertThat(reply.message()).contains("Invalid schema");
            http.register("waves-value", "{\"type\":\"strin\"}").isError(422, 42201);
            http.register("waves-value", "not json at all").isError(422, 42201);
            http.register("waves-value", wave(field("n", "\"int\"", "\"not an int\""))).isError(422, 42201);
        }

        @Test
        void refusesAMissingSchemaWith42201() {
            http.post("/subjects/waves-value/versions", "{}").isError(422, 42201);
            http.post("/subjects/waves-value/versions", "").isError(422, 42201);
        }

        @ParameterizedTest
        @ValueSource(strings = {"PROTOBUF", "JSON"})
        void refusesOtherSchemaTypesClearly(String type) {
            String body = RegistryHttp.object().put("schema", "syntax = \"proto3\";").put("schemaType", type).toString();

            Reply reply = http.post("/subjects/waves-value/versions", body).isError(422, 42201);

            assertThat(reply.message()).contains(type).contains("AVRO");
        }

        @Test
        void acceptsAnExplicitAvroSchemaType() {
            String body = RegistryHttp.object().put("schema", V1).put("schemaType", "AVRO").toString();

            assertThat(http.post("/subjects/waves-value/versions", body).id()).isEqualTo(1);
        }

        @Test
        void refusesSchemaReferencesClearly() {
            var body = RegistryHttp.object().put("schema", V1);
            body.putArray("references").addObject().put("name", "Other").put("subject", "other").put("version", 1);

            Reply reply = http.post("/subjects/waves-value/versions", body.toString()).isError(422, 42201);

            assertThat(reply.message()).containsIgnoringCase("references");
            var emptyReferences = RegistryHttp.object().put("schema", V1);
            emptyReferences.putArray("references");
            assertThat(http.post("/subjects/waves-value/versions", emptyReferences.toString()).id()).isEqualTo(1);
        }

        @Test
        void refusesAnIdOutsideImportModeWith42205() {
            String body = RegistryHttp.object().put("schema", V1).put("id", 7).toString();

            http.post("/subjects/waves-value/versions", body).isError(422, 42205);
        }

        @Test
        void acceptsAnExplicitVersionOnlyWhenItIsTheNextOne() {
            String asVersion1 = RegistryHttp.object().put("schema", V1).put("version", 1).toString();
            String asVersion5 = RegistryHttp.object().put("schema", V2).put("version", 5).toString();

            assertThat(http.post("/subjects/waves-value/versions", asVersion1).id()).isEqualTo(1);
            assertThat(http.post("/subjects/waves-value/versions", asVersion1).id()).isEqualTo(1);
            http.post("/subjects/waves-value/versions", asVersion5).isError(422, 42201);
        }

        @Test
        void refusesMalformedJsonWith400() {
            http.post("/subjects/waves-value/versions", "{\"schema\": ").isError(400, 400);
            http.post("/subjects/waves-value/versions", "[1,2]").isError(400, 400);
            http.post("/subjects/waves-value/versions", "{\"schema\": {\"type\":\"string\"}}").isError(400, 400);
        }

        @Test
        void refusesAnIncompatibleSchemaWith409NamingTheProblem() {
            http.register("waves-value", V1).id();

            Reply reply = http.register("waves-value", wave(WAVE_ID, LABEL, field("score", "\"int\""))).isError(409, 409);

            assertThat(reply.message())
                    .contains("incompatible with an earlier schema for subject \"waves-value\"")
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                    .contains("score")
                    .contains("BACKWARD");
        }
    }

    @Nested
    class LookingUp {

        @Test
        void findsTheVersionHoldingASchema() {
            int id = http.register("waves-value", V1).id();
            http.register("waves-value", V2).id();

            JsonNode found = http.post("/subjects/waves-value", RegistryHttp.schemaBody(V1)).isOk().json();

            assertThat(found.get("subject").asText()).isEqualTo("waves-value");
            assertThat(found.get("version").asInt()).isEqualTo(1);
            assertThat(found.get("id").asInt()).isEqualTo(id);
            assertThat(found.get("schema").asText()).isEqualTo(http.get("/schemas/ids/" + id + "/schema").body());
        }

        @Test
        void answers40401ForAnUnknownSubject() {
            http.post("/subjects/nobody", RegistryHttp.schemaBody(V1)).isError(404, 40401);
        }

        @Test
        void answers40403ForASchemaTheSubjectDoesNotHold() {
            http.register("a-value", V1).id();
            http.register("b-value", V2).id();

            http.post("/subjects/a-value", RegistryHttp.schemaBody(V2)).isError(404, 40403);
        }

        @Test
        void answers42201ForAnInvalidSchema() {
            http.register("a-value", V1).id();

            http.post("/subjects/a-value", RegistryHttp.schemaBody("{\"type\":\"nope\"}")).isError(422, 42201);
        }

        @Test
        void findsASoftDeletedVersionOnlyWhenAskedTo() {
            http.register("a-value", V1).id();
            http.register("a-value", V2).id();
            http.delete("/subjects/a-value/versions/1").isOk();

            http.post("/subjects/a-value", RegistryHttp.schemaBody(V1)).isError(404, 40403);
            assertThat(http.post("/subjects/a-value?deleted=true", RegistryHttp.schemaBody(V1)).isOk()
                    .json().get("version").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class ReadingSubjectsAndVersions {

        @Test
        void listsSubjectsInOrder() {
            assertThat(http.get("/subjects").isOk().json()).hasToString("[]");
            http.register("b-value", V1).id();
            http.register("a-value", V1).id();

            assertThat(http.get("/subjects").json()).hasToString("[\"a-value\",\"b-value\"]");
            assertThat(http.get("/subjects?subjectPrefix=b").json()).hasToString("[\"b-value\"]");
        }

        @Test
        void returnsAVersionByNumberLatestOrMinusOne() {
            http.register("a-value", V1).id();
            int id2 = http.register("a-value", V2).id();

            for (String version : List.of("2", "latest", "-1")) {
                JsonNode found = http.get("/subjects/a-value/versions/" + version).isOk().json();
                assertThat(found.get("subject").asText()).isEqualTo("a-value");
                assertThat(found.get("version").asInt()).isEqualTo(2);
                assertThat(found.get("id").asInt()).isEqualTo(id2);
                assertThat(found.has("schemaType")).as("AVRO is left implicit, as Confluent does").isFalse();
            }
            assertThat(http.get("/subjects/a-value/versions/1").json().get("version").asInt()).isEqualTo(1);
        }

        @Test
        void returnsTheRawSchemaOfAVersion() {
            http.register("a-value", V1).id();

            Reply raw = http.get("/subjects/a-value/versions/latest/schema").isOk();

            assertThat(raw.json()).isEqualTo(RegistryHttp.tree(V1));
        }

        @Test
        void answers40401And40402ForUnknownSubjectsAndVersions() {
            http.register("a-value", V1).id();

            http.get("/subjects/nobody/versions").isError(404, 40401);
            http.get("/subjects/nobody/versions/1").isError(404, 40401);
            http.get("/subjects/nobody/versions/latest").isError(404, 40401);
            http.get("/subjects/a-value/versions/2").isError(404, 40402);
            http.get("/subjects/a-value/versions/2/schema").isError(404, 40402);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-2", "abc", "1.5", "99999999999"})
        void answers42202ForAnInvalidVersion(String version) {
            http.register("a-value", V1).id();

            http.get("/subjects/a-value/versions/" + version).isError(422, 42202);
            http.delete("/subjects/a-value/versions/" + version).isError(422, 42202);
            http.post("/compatibility/subjects/a-value/versions/" + version, RegistryHttp.schemaBody(V1))
                    .isError(422, 42202);
        }

        @Test
        void answersNothingReferencesAVersion() {
            http.register("a-value", V1).id();

            assertThat(http.get("/subjects/a-value/versions/1/referencedby").isOk().json()).hasToString("[]");
            http.get("/subjects/a-value/versions/9/referencedby").isError(404, 40402);
        }

        @Test
        void servesSubjectNamesContainingSlashes() {
            int id = http.register("org%2Fwaves-value", V1).id();

            assertThat(http.get("/subjects").json()).hasToString("[\"org/waves-value\"]");
            assertThat(http.get("/subjects/org%2Fwaves-value/versions/1").isOk().json().get("id").asInt())
                    .isEqualTo(id);
        }
    }

    @Nested
    class ReadingSchemasById {

        @Test
        void returnsTheSchemaOfAnId() {
            int id = http.register("a-value", V1).id();

            JsonNode found = http.get("/schemas/ids/" + id).isOk().json();

            assertThat(found.get("schema").asText()).isEqualTo(http.get("/subjects/a-value/versions/1/schema").body());
            assertThat(http.get("/schemas/ids/" + id + "/schema").isOk().json())
                    .isEqualTo(RegistryHttp.tree(V1));
        }

        @Test
        void listsTheSubjectsAndVersionsHoldingAnId() {
            http.register("b-value", V2).id();
            int id = http.register("b-value", V1).id();
            http.register("a-value", V1).id();

            assertThat(http.get("/schemas/ids/" + id + "/subjects").isOk().json())
                    .hasToString("[\"a-value\",\"b-value\"]");
            assertThat(http.get("/schemas/ids/" + id + "/versions").isOk().json())
                    .hasToString("[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\",\"version\":2}]");
        }

        @Test
        void answers40403ForAnUnknownId() {
            http.get("/schemas/ids/42").isError(404, 40403);
            http.get("/schemas/ids/42/schema").isError(404, 40403);
            http.get("/schemas/ids/42/subjects").isError(404, 40403);
            http.get("/schemas/ids/42/versions").isError(404, 40403);
        }

        @Test
        void answersAPlain404ForAnIdThatIsNotANumber() {
            http.get("/schemas/ids/abc").isError(404, 404);
        }

        @Test
        void listsAvroAsTheOnlySchemaType() {
            assertThat(http.get("/schemas/types").isOk().json()).hasToString("[\"AVRO\"]");
        }
    }

    @Nested
    class Deleting {

        @Test
        void softDeletesAVersionThenPermanentlyDeletesIt() {
            int id1 = http.register("a-value", V1).id();
            http.register("a-value", V2).id();

            assertThat(http.delete("/subjects/a-value/versions/1").isOk().json().asInt()).isEqualTo(1);

            assertThat(http.get("/subjects/a-value/versions").json()).hasToString("[2]");
            assertThat(http.get("/subjects/a-value/versions?deleted=true").json()).hasToString("[1,2]");
            assertThat(http.get("/subjects/a-value/versions?deletedOnly=true").json()).hasToString("[1]");
            http.get("/subjects/a-value/versions/1").isError(404, 40402);
            assertThat(http.get("/subjects/a-value/versions/1?deleted=true").isOk().json().get("id").asInt())
                    .isEqualTo(id1);
            assertThat(http.get("/schemas/ids/" + id1).isOk().json().get("schema").asText())
                    .as("a soft-deleted schema can still be read by id").isNotEmpty();
            assertThat(http.get("/schemas/ids/" + id1 + "/subjects").json()).hasToString("[]");
            assertThat(http.get("/schemas/ids/" + id1 + "/subjects?deleted=true").json()).hasToString("[\"a-value\"]");

            http.delete("/subjects/a-value/versions/1").isError(404, 40406);
            assertThat(http.delete("/subjects/a-value/versions/1?permanent=true").isOk().json().asInt()).isEqualTo(1);

            assertThat(http.get("/subjects/a-value/versions?deleted=true").json()).hasToString("[2]");
            http.get("/schemas/ids/" + id1).isError(404, 40403);
        }

        @Test
        void refusesToPermanentlyDeleteALiveVersionWith40407() {
            http.register("a-value", V1).id();

            http.delete("/subjects/a-value/versions/1?permanent=true").isError(404, 40407);
            http.delete("/subjects/a-value/versions/latest?permanent=true").isError(404, 40407);
        }

        @Test
        void deletesTheLatestVersion() {
            http.register("a-value", V1).id();
            http.register("a-value", V2).id();

            assertThat(http.delete("/subjects/a-value/versions/latest").isOk().json().asInt()).isEqualTo(2);
            assertThat(http.get("/subjects/a-value/versions/latest").json().get("version").asInt()).isEqualTo(1);
        }

        @Test
        void answers40401And40402ForUnknownSubjectsAndVersions() {
            http.register("a-value", V1).id();

            http.delete("/subjects/nobody/versions/1").isError(404, 40401);
            http.delete("/subjects/a-value/versions/5").isError(404, 40402);
            http.delete("/subjects/nobody").isError(404, 40401);
        }

        @Test
        void softDeletesASubjectThenPermanentlyDeletesIt() {
            int id = http.register("a-value", V1).id();
            http.register("a-value", V2).id();
            http.register("b-value", V1).id();

            assertThat(http.delete("/subjects/a-value").isOk().json()).hasToString("[1,2]");

            assertThat(http.get("/subjects").json()).hasToString("[\"b-value\"]");
            assertThat(http.get("/subjects?deleted=true").json()).hasToString("[\"a-value\",\"b-value\"]");
            assertThat(http.get("/subjects?deletedOnly=true").json()).hasToString("[\"a-value\"]");
            http.get("/subjects/a-value/versions").isError(404, 40401);
            http.get("/subjects/a-value/versions/latest").isError(404, 40401);
            assertThat(http.get("/subjects/a-value/versions?deleted=true").json()).hasToString("[1,2]");
            http.delete("/subjects/a-value").isError(404, 40404);

            assertThat(http.delete("/subjects/a-value?permanent=true").isOk().json()).hasToString("[1,2]");

            assertThat(http.get("/subjects?deleted=true").json()).hasToString("[\"b-value\"]");
            http.get("/subjects/a-value/versions?deleted=true").isError(404, 40401);
            http.delete("/subjects/a-value?permanent=true").isError(404, 40401);
            assertThat(http.get("/schemas/ids/" + id).isOk().json().get("schema").asText())
                    .as("still held by b-value").isNotEmpty();
        }

        @Test
        void refusesToPermanentlyDeleteALiveSubjectWith40405() {
            http.register("a-value", V1).id();

            http.delete("/subjects/a-value?permanent=true").isError(404, 40405);
        }

        @Test
        void continuesVersionNumbersAfterASoftDeleteAndRestartsThemAfterAPermanentOne() {
            int id = http.register("a-value", V1).id();
            http.register("a-value", V2).id();
            http.delete("/subjects/a-value").isOk();

            assertThat(http.register("a-value", V1).id()).as("a known schema keeps its id").isEqualTo(id);
            assertThat(http.get("/subjects/a-value/versions").json()).hasToString("[3]");
            assertThat(http.get("/subjects/a-value/versions?deleted=true").json())
                    .as("the soft-deleted version holding the same schema is superseded").hasToString("[2,3]");

            http.delete("/subjects/a-value").isOk();
            http.delete("/subjects/a-value?permanent=true").isOk();
            http.register("a-value", V2).id();
            assertThat(http.get("/subjects/a-value/versions").json()).hasToString("[1]");
        }

        @Test
        void ignoresSoftDeletedVersionsWhenCheckingCompatibility() {
            http.register("a-value", V1).id();
            String incompatible = wave(WAVE_ID, field("label", "\"int\""));
            http.register("a-value", incompatible).isError(409, 409);

            http.delete("/subjects/a-value/versions/1").isOk();

            assertThat(http.register("a-value", incompatible).id()).isPositive();
        }

        @Test
        void removesTheLevelOfAPermanentlyDeletedSubject() {
            http.register("a-value", V1).id();
            http.setLevel("a-value", "NONE").isOk();
            http.delete("/subjects/a-value").isOk();

            assertThat(http.get("/config/a-value").isOk().json().get("compatibilityLevel").asText())
                    .as("a soft delete keeps it").isEqualTo("NONE");

            http.delete("/subjects/a-value?permanent=true").isOk();
            http.get("/config/a-value").isError(404, 40408);
        }
    }

    @Nested
    class CheckingCompatibility {

        private static final String ADDS_FIELD_WITHOUT_DEFAULT = wave(WAVE_ID, LABEL, field("score", "\"int\""));

        @BeforeEach
        void registerV1() {
            http.register("a-value", V1).id();
        }

        @Test
        void saysWhetherASchemaIsCompatibleWithAVersion() {
            for (String version : List.of("1", "latest", "-1")) {
                String path = "/compatibility/subjects/a-value/versions/" + version;
                assertThat(http.post(path, RegistryHttp.schemaBody(V2)).isOk().json())
                        .hasToString("{\"is_compatible\":true}");
                assertThat(http.post(path, RegistryHttp.schemaBody(ADDS_FIELD_WITHOUT_DEFAULT)).isOk().json())
                        .hasToString("{\"is_compatible\":false}");
            }
        }

        @Test
        void explainsIncompatibilitiesWhenVerbose() {
            JsonNode check = http.post("/compatibility/subjects/a-value/versions/latest?verbose=true",
                    RegistryHttp.schemaBody(ADDS_FIELD_WITHOUT_DEFAULT)).isOk().json();

            assertThat(check.get("is_compatible").asBoolean()).isFalse();
            assertThat(check.get("messages").toString())
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                    .contains("score")
                    .contains("oldSchemaVersion: 1")
                    .contains("BACKWARD");
            assertThat(http.post("/compatibility/subjects/a-value/versions/latest?verbose=true",
                    RegistryHttp.schemaBody(V2)).json()).hasToString("{\"is_compatible\":true,\"messages\":[]}");
        }

        @Test
        void checksAgainstTheVersionsARegistrationWouldWhenNoVersionIsGiven() {
            assertThat(http.post("/compatibility/subjects/a-value/versions", RegistryHttp.schemaBody(V2)).isOk()
                    .json().get("is_compatible").asBoolean()).isTrue();
            assertThat(http.post("/compatibility/subjects/a-value/versions",
                    RegistryHttp.schemaBody(ADDS_FIELD_WITHOUT_DEFAULT)).json().get("is_compatible").asBoolean())
                    .isFalse();
        }

        @Test
        void findsAnythingCompatibleWithTheLatestVersionOfANewSubject() {
            assertThat(http.post("/compatibility/subjects/new-value/versions/latest",
                    RegistryHttp.schemaBody(V1)).isOk().json().get("is_compatible").asBoolean()).isTrue();
        }

        @Test
        void answers40401And40402ForUnknownSubjectsAndVersions() {
            http.post("/compatibility/subjects/nobody/versions/1", RegistryHttp.schemaBody(V2)).isError(404, 40401);
            http.post("/compatibility/subjects/a-value/versions/2", RegistryHttp.schemaBody(V2)).isError(404, 40402);
        }

        @Test
        void answers42201ForAnInvalidSchema() {
            http.post("/compatibility/subjects/a-value/versions/1", RegistryHttp.schemaBody("{\"type\":\"x\"}"))
                    .isError(422, 42201);
        }
    }

    @Nested
    class Configuring {

        @Test
        void hasBackwardAsTheDefaultGlobalLevel() {
            assertThat(http.get("/config").isOk().json()).hasToString("{\"compatibilityLevel\":\"BACKWARD\"}");
        }

        @Test
        void setsReadsAndDeletesTheGlobalLevel() {
            assertThat(http.put("/config", "{\"compatibility\":\"FULL\"}").isOk().json())
                    .hasToString("{\"compatibility\":\"FULL\"}");
            assertThat(http.get("/config").json()).hasToString("{\"compatibilityLevel\":\"FULL\"}");

            assertThat(http.delete("/config").isOk().json()).hasToString("{\"compatibilityLevel\":\"FULL\"}");
            assertThat(http.get("/config").json()).hasToString("{\"compatibilityLevel\":\"BACKWARD\"}");
        }

        @Test
        void acceptsLevelNamesInAnyCase() {
            assertThat(http.put("/config", "{\"compatibility\":\"forward_transitive\"}").isOk().json())
                    .hasToString("{\"compatibility\":\"FORWARD_TRANSITIVE\"}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"compatibility\":\"SIDEWAYS\"}", "{\"compatibility\":\"\"}", "{}", ""})
        void refusesAnInvalidLevelWith42203(String body) {
            http.put("/config", body).isError(422, 42203);
            http.put("/config/a-value", body).isError(422, 42203);
        }

        @Test
        void setsReadsAndDeletesASubjectLevel() {
            http.get("/config/a-value").isError(404, 40408);
            assertThat(http.get("/config/a-value?defaultToGlobal=true").isOk().json())
                    .hasToString("{\"compatibilityLevel\":\"BACKWARD\"}");

            assertThat(http.setLevel("a-value", "NONE").isOk().json()).hasToString("{\"compatibility\":\"NONE\"}");
            assertThat(http.get("/config/a-value").json()).hasToString("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(http.get("/config").json()).hasToString("{\"compatibilityLevel\":\"BACKWARD\"}");

            assertThat(http.delete("/config/a-value").isOk().json()).hasToString("{\"compatibilityLevel\":\"NONE\"}");
            http.get("/config/a-value").isError(404, 40408);
            http.delete("/config/a-value").isError(404, 40401);
        }

        @Test
        void reportsTheReadWriteMode() {
            assertThat(http.get("/mode").isOk().json()).hasToString("{\"mode\":\"READWRITE\"}");
            assertThat(http.get("/mode/a-value?defaultToGlobal=true").isOk().json())
                    .hasToString("{\"mode\":\"READWRITE\"}");
            http.get("/mode/a-value").isError(404, 40409);
        }
    }

    @Nested
    class SpeakingHttp {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                "application/json", "application/json; charset=utf-8", "application/octet-stream"})
        void acceptsConfluentsRequestContentTypes(String contentType) {
            Reply reply = http.send("POST", "/subjects/a-value/versions", RegistryHttp.schemaBody(V1), contentType);

            assertThat(reply.id()).isEqualTo(1);
            assertThat(reply.contentType()).isEqualTo(RegistryHttp.V1_JSON);
        }

        @Test
        void refusesOtherRequestContentTypesWith415() {
            http.send("POST", "/subjects/a-value/versions", RegistryHttp.schemaBody(V1), "text/plain")
                    .isError(415, 415);
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET /nowhere", "GET /subjects/a/b/c/d", "PUT /subjects", "PATCH /config",
                "POST /schemas/ids/1", "GET /contexts", "GET /schemas/guids/abc", "PUT /mode",
                "GET /associations/resources/-/orders", "POST /subjects/a-value/versions/1/tags", "GET /v1/metadata/id"})
        void answersPathsMethodsAndFeaturesNotImplementedWithAJson404(String request) {
            String[] parts = request.split(" ");

            Reply reply = http.send(parts[0], parts[1], parts[0].equals("GET") ? null : "{}", RegistryHttp.V1_JSON);

            reply.isError(404, 404);
            assertThat(reply.message()).isEqualTo("HTTP 404 Not Found");
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET /subjects/%ZZ/versions HTTP/1.1", "GET /subjects/../../etc HTTP/1.1",
                "BREW /subjects HTTP/1.1", "GET /subjects HTTP/9.9"})
        void answersRequestsJettyRefusesWithJsonToo(String requestLine) throws IOException {
            String response = rawExchange(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            String[] headAndBody = response.split("\r\n\r\n", 2);
            int status = Integer.parseInt(headAndBody[0].substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
            assertThat(status).isGreaterThanOrEqualTo(400);
            assertThat(headAndBody[0]).containsIgnoringCase("Content-Type: " + RegistryHttp.V1_JSON);
            JsonNode error = RegistryHttp.tree(headAndBody[1]);
            assertThat(error.get("error_code").asInt()).isEqualTo(status);
            assertThat(error.get("message").asText()).startsWith("HTTP " + status);
        }

        private String rawExchange(String request) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

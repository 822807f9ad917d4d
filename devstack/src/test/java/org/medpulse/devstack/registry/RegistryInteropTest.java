package org.medpulse.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.serde.ConfluentAvroDeserializer;
import org.medpulse.serde.ConfluentAvroSerializer;
import org.medpulse.serde.WireFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client written by someone else, Confluent's official Node.js client and Avro serdes
 * ({@code src/test/node/interop}), registers, looks up and uses the survey-response schema in
 * our registry; our {@link ConfluentAvroDeserializer} decodes what it encodes, and it decodes
 * what our {@link ConfluentAvroSerializer} encodes, both serdes resolving ids through our registry.
 * Skipped only when node or npm is not installed; {@code npm ci} runs when the project's
 * dependencies are missing.
 */
class RegistryInteropTest {

    private static final Path PROJECT = Path.of("src", "test", "node", "interop").toAbsolutePath();
    private static final Path LOGS = Path.of("target", "node-interop").toAbsolutePath();
    private static final String SUBJECT = Topics.SURVEY_RESPONSES + "-value";

    private static final SurveyResponse RESPONSE = SurveyResponse.newBuilder()
            .setResponseId("r-0001")
            .setPartnerId("panel-fr")
            .setRespondentId("resp-42")
            .setWaveId("2026-W01")
            .setSubmittedAt(Instant.ofEpochMilli(1_767_225_600_123L))
            .setPracticeType(PracticeType.SPECIALIST)
            .setSpecialty("cardiology")
            .setSetting(PracticeSetting.HOSPITAL)
            .setRegion(null)
            .setUsageFrequency(UsageFrequency.WEEKLY)
            .setUseCases(List.of(UseCase.DIAGNOSIS, UseCase.REFERRAL_LETTERS))
            .setBarriers(List.of(Barrier.COST))
            .setTools(List.of(new ToolUsage("ChatGPT", UsageFrequency.DAILY), new ToolUsage("Doctolib AI", null)))
            .setExpectedFutureUseCases(List.of(UseCase.PATIENT_COMMUNICATION))
            .setMarketDrivers(List.of(MarketDriver.LACK_OF_MEDICAL_TIME, MarketDriver.PATIENT_DEMAND))
            .build();

    /** {@link #RESPONSE} as the Node client sees it (avsc: enums as strings, unions unwrapped, longs as numbers). */
    private static final String RESPONSE_JSON = """
            {"responseId":"r-0001","partnerId":"panel-fr","respondentId":"resp-42","waveId":"2026-W01",
             "submittedAt":1767225600123,"practiceType":"SPECIALIST","specialty":"cardiology","setting":"HOSPITAL",
             "region":null,"usageFrequency":"WEEKLY","useCases":["DIAGNOSIS","REFERRAL_LETTERS"],"barriers":["COST"],
             "tools":[{"tool":"ChatGPT","frequency":"DAILY"},{"tool":"Doctolib AI","frequency":null}],
             "expectedFutureUseCases":["PATIENT_COMMUNICATION"],"marketDrivers":["LACK_OF_MEDICAL_TIME","PATIENT_DEMAND"]}
            """;

    private static SchemaRegistryServer server;

    @BeforeAll
    static void nodeProjectAndRegistry() throws Exception {
        assumeTrue(installed("node"), "node is not installed");
        assumeTrue(installed("npm"), "npm is not installed");
        Files.createDirectories(LOGS);
        if (!Files.exists(PROJECT.resolve("node_modules/@confluentinc/schemaregistry/package.json"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(PROJECT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve("npm-ci.log").toFile())
                    .start();
            assertThat(npm.waitFor(10, TimeUnit.MINUTES)).as("npm ci finished in 10 minutes").isTrue();
            assertThat(npm.exitValue()).as("npm ci exit code, see %s", LOGS.resolve("npm-ci.log")).isZero();
        }
        server = SchemaRegistryServer.inMemory(0);
    }

    @AfterAll
    static void stopRegistry() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void confluentsNodeClientAndOurSerdesUnderstandEachOtherThroughOurRegistry() throws Exception {
        Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url());
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>();
             ConfluentAvroDeserializer<SurveyResponse> deserializer =
                     new ConfluentAvroDeserializer<>(SurveyResponse.class)) {
            serializer.configure(config, false);
            deserializer.configure(config, false);
            byte[] ours = serializer.serialize(Topics.SURVEY_RESPONSES, RESPONSE);
            int id = WireFormat.schemaId(ours);
            String storedSchema = new RegistryHttp(server.url()).get("/schemas/ids/" + id + "/schema").body();

            JsonNode node = runNode(ours);

            // (a) the Node client's view of our registry, where our serializer registered the schema
            assertThat(node.get("registeredId").asInt()).isEqualTo(id);
            assertThat(node.get("registeredAgainId").asInt()).isEqualTo(id);
            assertThat(node.at("/lookup/subject").asText()).isEqualTo(SUBJECT);
            assertThat(node.at("/lookup/version").asInt()).isEqualTo(1);
            assertThat(node.at("/lookup/id").asInt()).isEqualTo(id);
            assertThat(node.at("/lookup/schema").asText()).isEqualTo(storedSchema);
            assertThat(node.at("/latest/version").asInt()).isEqualTo(1);
            assertThat(node.at("/latest/id").asInt()).isEqualTo(id);
            assertThat(node.at("/byId/schema").asText()).isEqualTo(storedSchema);
            assertThat(node.get("subjects").toString()).isEqualTo("[\"" + SUBJECT + "\"]");
            assertThat(node.at("/incompatibleError/status").asInt()).isEqualTo(409);
            assertThat(node.at("/incompatibleError/errorCode").asInt()).isEqualTo(409);
            assertThat(node.get("roundTrip")).isEqualTo(RegistryHttp.tree(RESPONSE_JSON));

            // (b) what the Node serializer wrote, read by our deserializer...
            byte[] theirs = HexFormat.of().parseHex(node.get("encodedHex").asText());
            assertThat(WireFormat.schemaId(theirs)).isEqualTo(id);
            assertThat(deserializer.deserialize(Topics.SURVEY_RESPONSES, theirs)).isEqualTo(RESPONSE);
            assertThat(theirs).as("the same record gives the same bytes").isEqualTo(ours);
            // ...and what our serializer wrote, read by the Node deserializer.
            assertThat(node.get("decoded")).isEqualTo(RegistryHttp.tree(RESPONSE_JSON));
        }
    }

    private JsonNode runNode(byte[] toDecode) throws IOException, InterruptedException {
        ObjectNode input = RegistryHttp.object()
                .put("registryUrl", server.url())
                .put("topic", Topics.SURVEY_RESPONSES)
                .put("schema", SurveyResponse.getClassSchema().toString())
                .put("incompatibleSchema", withFieldWithoutDefault())
                .put("decodeHex", HexFormat.of().formatHex(toDecode));
        input.set("record", RegistryHttp.tree(RESPONSE_JSON));
        Path stderr = LOGS.resolve("interop-stderr.log");
        Process process = new ProcessBuilder("node", "interop.js")
                .directory(PROJECT.toFile())
                .redirectError(stderr.toFile())
                .start();
        process.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("node finished in 2 minutes").isTrue();
        assertThat(process.exitValue()).as("node exit code; stderr: %s", Files.readString(stderr)).isZero();
        return RegistryHttp.tree(output);
    }

    private static String withFieldWithoutDefault() {
        ObjectNode schema = (ObjectNode) RegistryHttp.tree(SurveyResponse.getClassSchema().toString());
        ((ArrayNode) schema.get("fields")).addObject()
                .put("name", "consentVersion").put("type", "string");
        return schema.toString();
    }

    private static boolean installed(String command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(1, TimeUnit.MINUTES);
        } catch (IOException notFound) {
            return false;
        }
    }
}

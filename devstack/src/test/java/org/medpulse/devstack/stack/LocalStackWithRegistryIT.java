package org.medpulse.devstack.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.schemas.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The whole stack, real registry included: topics and schemas survive a restart on the same data directory. */
class LocalStackWithRegistryIT {

    private static final String SUBJECT = Topics.SURVEY_RESPONSES + "-value";
    private static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void keepsTopicsAndSchemasAcrossARestartOnTheSameDataDirectory() throws Exception {
        LocalStackOptions options = LocalStackOptions.defaults()
                .withDataDirectory(tmp.resolve("stack")).withKafkaPort(0).withRegistryPort(0);
        int schemaId;
        try (LocalStack stack = LocalStack.start(options)) {
            assertThat(stack.registryUrl()).startsWith("http://127.0.0.1:");
            schemaId = register(stack.registryUrl()).get("id").asInt();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                TopicLayout layout = TopicLayout.of(admin);
                assertThat(layout.names()).contains(Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ,
                        Topics.TOOL_CATALOGUE, Topics.SCHEMAS);
                assertThat(layout.partitions(Topics.SCHEMAS)).isEqualTo(1);
                assertThat(layout.config(Topics.SCHEMAS, "cleanup.policy")).isEqualTo("compact");
            }
        }

        try (LocalStack restarted = LocalStack.start(options)) {
            assertThat(restarted.topics().created()).isEmpty();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", restarted.bootstrapServers()))) {
                TopicLayout layout = TopicLayout.of(admin);
                assertThat(layout.partitions(Topics.SURVEY_RESPONSES)).isEqualTo(ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
                assertThat(layout.config(Topics.TOOL_CATALOGUE, "cleanup.policy")).isEqualTo("compact");
            }
            assertThat(get(restarted.registryUrl() + "/subjects").toString()).isEqualTo("[\"" + SUBJECT + "\"]");
            assertThat(register(restarted.registryUrl()).get("id").asInt()).as("same schema, same id").isEqualTo(schemaId);
            assertThat(get(restarted.registryUrl() + "/schemas/ids/" + schemaId).get("schema").asText())
                    .contains("SurveyResponse");
        }
    }

    private JsonNode register(String registryUrl) throws Exception {
        String body = json.writeValueAsString(Map.of("schema", SurveyResponse.getClassSchema().toString()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(registryUrl + "/subjects/" + SUBJECT + "/versions"))
                .header("Content-Type", SCHEMA_REGISTRY_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", SCHEMA_REGISTRY_JSON).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}

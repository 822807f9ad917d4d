package org.medpulse.devstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.devstack.kafka.LocalPorts;
import org.medpulse.devstack.kafka.PortInUseException;
import org.medpulse.devstack.kafka.ServerStartException;
import org.medpulse.schemas.Topics;

/**
 * The stack's own work (broker, topics, start order, clean-up on failure) with a stand-in
 * registry; {@link LocalStackWithRegistryTest} runs it with the real one.
 */
class LocalStackIT {

    @TempDir
    Path tmp;

    private final List<String> registryEvents = new ArrayList<>();

    @Test
    void startsTheBrokerWithTheProjectTopicsThenTheRegistryAndFindsTheTopicsAgainAfterARestart() throws Exception {
        LocalStackOptions options = onFreePorts().withSurveyResponsePartitions(3);
        String clusterId;
        int kafkaPort;
        try (LocalStack stack = LocalStack.start(options, this::fakeRegistry)) {
            clusterId = stack.clusterId();
            kafkaPort = port(stack.bootstrapServers());
            assertThat(stack.dataDirectory()).isEqualTo(tmp.resolve("stack").toAbsolutePath());
            assertThat(stack.dataDirectory().resolve("kafka/meta.properties")).exists();
            assertThat(stack.registryUrl()).isEqualTo("http://fake-registry");
            assertThat(registryEvents).containsExactly("launch on port 0 with " + stack.bootstrapServers());
            assertThat(stack.topics().created()).containsExactly(
                    Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.TOOL_CATALOGUE);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                assertThat(TopicLayout.of(admin).partitions(Topics.SURVEY_RESPONSES)).isEqualTo(3);
            }
        }
        assertThat(registryEvents).endsWith("close");
        assertThat(LocalPorts.isFree(kafkaPort)).as("broker stopped").isTrue();

        try (LocalStack restarted = LocalStack.start(options, this::fakeRegistry)) {
            assertThat(restarted.clusterId()).isEqualTo(clusterId);
            assertThat(restarted.topics().created()).isEmpty();
            assertThat(restarted.topics().found()).containsExactly(
                    Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.TOOL_CATALOGUE);
            assertThat(restarted.topics().differences()).isEmpty();
        }
    }

    @Test
    void stopsTheBrokerWhenTheRegistryCannotStart() {
        int kafkaPort = LocalPorts.free(1).get(0);
        LocalStackOptions options = onFreePorts().withKafkaPort(kafkaPort);

        assertThatThrownBy(() -> LocalStack.start(options, (port, bootstrap) -> {
            throw new IllegalStateException("cannot read _schemas");
        }))
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Schema registry failed to start")
                .hasRootCauseMessage("cannot read _schemas");
        assertThat(LocalPorts.isFree(kafkaPort)).as("broker stopped").isTrue();
    }

    @Test
    void refusesATakenRegistryPortBeforeStartingTheBroker() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = squatter.getLocalPort();
            assertThatThrownBy(() -> LocalStack.start(onFreePorts().withRegistryPort(taken), this::fakeRegistry))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageStartingWith("Schema registry port " + taken + " on 127.0.0.1 is already in use");
        }
        assertThat(tmp.resolve("stack")).doesNotExist();
        assertThat(registryEvents).isEmpty();
    }

    private LocalStackOptions onFreePorts() {
        return LocalStackOptions.defaults().withDataDirectory(tmp.resolve("stack")).withKafkaPort(0).withRegistryPort(0);
    }

    private LocalStack.Registry fakeRegistry(int port, String bootstrapServers) {
        registryEvents.add("launch on port " + port + " with " + bootstrapServers);
        return new LocalStack.Registry() {
            @Override
            public String url() {
                return "http://fake-registry";
            }

            @Override
            public void close() {
                registryEvents.add("close");
            }
        };
    }

    private static int port(String bootstrapServers) {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }
}

package org.medpulse.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medpulse.cluster.SharedSecrets;
import org.medpulse.testkit.LocalStackExtension;

/** Instances starting together, or later, agree on the secrets they keep in their topic. */
class SharedSecretsIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    static final List<String> NAMES = List.of("record-key", "peer");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void instancesStartingTogetherTakeTheSecretsWrittenFirstAndLaterOnesFindThem() throws Exception {
        Map<String, Object> clients = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        String topic = "shared-secrets-it-secrets";

        List<CompletableFuture<Map<String, String>>> starting = List.of(
                CompletableFuture.supplyAsync(() -> SharedSecrets.agree(clients, topic, NAMES, TIMEOUT)),
                CompletableFuture.supplyAsync(() -> SharedSecrets.agree(clients, topic, NAMES, TIMEOUT)),
                CompletableFuture.supplyAsync(() -> SharedSecrets.agree(clients, topic, NAMES, TIMEOUT)));
        Map<String, String> first = starting.get(0).get();

        assertThat(first).containsOnlyKeys(NAMES);
        assertThat(first.get("record-key")).isNotEqualTo(first.get("peer")).hasSizeGreaterThanOrEqualTo(SharedSecrets.MIN_SECRET_CHARS);
        assertThat(starting.get(1).get()).isEqualTo(first);
        assertThat(starting.get(2).get()).isEqualTo(first);
        assertThat(SharedSecrets.agree(clients, topic, NAMES, TIMEOUT)).as("a later start").isEqualTo(first);
        assertThat(SharedSecrets.agree(clients, topic, List.of("peer", "another"), TIMEOUT))
                .containsEntry("peer", first.get("peer")).containsKey("another");

        try (Admin admin = Admin.create(clients)) {
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                    .all().get().values().iterator().next();
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).as("kept for ever").isEqualTo("-1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
        }
    }
}

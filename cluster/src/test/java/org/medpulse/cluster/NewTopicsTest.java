package org.medpulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * How {@link NewTopics} talks to Kafka, against an admin client that answers as a broker does just
 * after a topic is created. NewTopicsOnBrokerTest (devstack) shows the loss it prevents.
 */
class NewTopicsTest {

    private static final String WAVE = "wave-2025-06";

    private final List<Set<TopicPartition>> asked = new ArrayList<>();

    @Test
    void asksEveryPartitionsLeaderForItsEndOffset() {
        Admin admin = admin(() -> null);

        NewTopics.awaitWritable(admin, created(Map.of(WAVE, 3, "dlq", 1)), List.of(WAVE, "dlq"), Duration.ofSeconds(5));

        assertThat(asked).containsExactly(Set.of(new TopicPartition(WAVE, 0), new TopicPartition(WAVE, 1),
                new TopicPartition(WAVE, 2), new TopicPartition("dlq", 0)));
    }

    @Test
    void asksAgainWhileTheNewTopicIsMissingFromTheMetadata() {
        Admin admin = admin(() -> asked.size() <= 2 ? new UnknownTopicOrPartitionException("not yet") : null);

        NewTopics.awaitWritable(admin, created(Map.of(WAVE, 2)), List.of(WAVE), Duration.ofSeconds(5));

        assertThat(asked).hasSize(3);
    }

    @Test
    void reportsARefusalAtOnce() {
        Admin admin = admin(() -> new TopicAuthorizationException(Set.of(WAVE)));

        assertThatThrownBy(() -> NewTopics.awaitWritable(admin, created(Map.of(WAVE, 2)), List.of(WAVE),
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("New topics [" + WAVE + "] are not writable")
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(asked).hasSize(1);
    }

    @Test
    void givesUpWhenTheTopicNeverAppears() {
        Admin admin = admin(() -> new UnknownTopicOrPartitionException("never"));

        assertThatThrownBy(() -> NewTopics.awaitWritable(admin, created(Map.of(WAVE, 1)), List.of(WAVE),
                Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("New topics [" + WAVE + "] are not writable");
        assertThat(asked.size()).isGreaterThan(1);
    }

    /** An admin client whose ListOffsets fails with what {@code failure} gives (null: answers). */
    private Admin admin(Supplier<RuntimeException> failure) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("listOffsets")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    Map<TopicPartition, OffsetSpec> request = (Map<TopicPartition, OffsetSpec>) args[0];
                    asked.add(Set.copyOf(request.keySet()));
                    RuntimeException error = failure.get();
                    Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> answers = new HashMap<>();
                    for (TopicPartition partition : request.keySet()) {
                        KafkaFutureImpl<ListOffsetsResultInfo> answer = new KafkaFutureImpl<>();
                        if (error == null) {
                            answer.complete(new ListOffsetsResultInfo(0, -1, Optional.empty()));
                        } else {
                            answer.completeExceptionally(error);
                        }
                        answers.put(partition, answer);
                    }
                    return new ListOffsetsResult(answers);
                });
    }

    private static CreateTopicsResult created(Map<String, Integer> partitions) {
        Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> topics = new HashMap<>();
        partitions.forEach((topic, count) -> topics.put(topic, KafkaFuture.completedFuture(
                new CreateTopicsResult.TopicMetadataAndConfig(Uuid.randomUuid(), count, 1, new Config(List.of())))));
        return new CreateTopicsResult(topics) { };
    }
}

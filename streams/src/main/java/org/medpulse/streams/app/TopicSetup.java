package org.medpulse.streams.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.kafka.NewTopics;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the application reads and writes when they are missing, so that
 * {@code ./medpulse streams} works against a fresh broker. Existing topics are left as they are.
 *
 * <p>Record timestamps are survey dates ({@code submittedAt}), often months or years old. Under
 * the broker's default time-based retention (7 days) such records are deleted at the next
 * retention check, active segment included, before Kafka Streams reads them: a replayed wave
 * would silently vanish. So the responses topic keeps everything ({@code retention.ms=-1}: it is
 * the source of truth and small), and the dead-letter topic stamps records when they are
 * dead-lettered ({@code LogAppendTime}), so its retention counts from the failure.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** The topics with their partitions and configs. */
    public static List<NewTopic> topics(MedPulseStreamsConfig config) {
        return topics(config, Topics.SURVEY_RESPONSES_PARTITIONS);
    }

    /** The same topics, with {@code responsePartitions} partitions for the responses topic. */
    public static List<NewTopic> topics(MedPulseStreamsConfig config, int responsePartitions) {
        return List.of(
                new NewTopic(config.responsesTopic(), Optional.of(responsePartitions), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(config.deadLetterTopic(), Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")),
                new NewTopic(config.toolCatalogueTopic(), Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /** Creates the missing ones of {@link #topics}; {@code adminProps} must hold the bootstrap servers. */
    public static void ensureTopics(MedPulseStreamsConfig config, Properties adminProps) {
        List<NewTopic> topics = topics(config);
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>(topics);
            missing.removeIf(t -> existing.contains(t.name()));
            if (missing.isEmpty()) {
                return;
            }
            CreateTopicsResult result = admin.createTopics(missing);
            List<String> createdNames = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                    createdNames.add(created.getKey());
                    LOG.info("Created topic {}", created.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + created.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            NewTopics.awaitWritable(admin, result, createdNames, Duration.ofSeconds(30));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list topics on " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer from Kafka at " + config.bootstrapServers()
                    + " within 30 s: is the broker running (./medpulse stack)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}

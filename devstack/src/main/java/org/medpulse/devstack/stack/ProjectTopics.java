package org.medpulse.devstack.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.kafka.NewTopics;

/**
 * The topics MedPulse needs, as a fresh cluster should get them: {@code survey-responses}
 * (partitioned, kept forever), its dead-letter topic and the compacted {@code tool-catalogue}.
 * The schema registry creates its own {@code _schemas}. Immutable; {@link #ensure(Admin, Duration)}
 * creates what is missing and leaves existing topics as they are.
 */
public final class ProjectTopics {

    private static final short SINGLE_REPLICA = 1;

    private final int surveyResponsePartitions;

    private ProjectTopics(int surveyResponsePartitions) {
        this.surveyResponsePartitions = surveyResponsePartitions;
    }

    /** With {@link Topics#SURVEY_RESPONSES_PARTITIONS} partitions for the survey responses. */
    public static ProjectTopics defaults() {
        return new ProjectTopics(Topics.SURVEY_RESPONSES_PARTITIONS);
    }

    /** The partition count {@code survey-responses} is created with (its upper bound on parallelism). */
    public ProjectTopics withSurveyResponsePartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("survey-responses needs at least 1 partition, got " + partitions);
        }
        return new ProjectTopics(partitions);
    }

    public int surveyResponsePartitions() {
        return surveyResponsePartitions;
    }

    /** The topics as they are created on a single-node cluster. */
    public List<NewTopic> definitions() {
        return List.of(
                new NewTopic(Topics.SURVEY_RESPONSES, surveyResponsePartitions, SINGLE_REPLICA)
                        // Responses are the record of every wave; some carry submission times years
                        // old, which time-based retention would delete at once.
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(Topics.SURVEY_RESPONSES_DLQ, 1, SINGLE_REPLICA),
                new NewTopic(Topics.TOOL_CATALOGUE, 1, SINGLE_REPLICA)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    /**
     * Creates the topics that do not exist yet and checks that those that do still look as
     * defined (partition count, cleanup policy); existing topics are never altered.
     *
     * @throws IllegalStateException if the cluster does not answer within {@code timeout} or refuses a topic
     */
    public TopicSetup ensure(Admin admin, Duration timeout) {
        List<NewTopic> definitions = definitions();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = definitions.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = create(admin, missing, timeout);
            List<NewTopic> found = definitions.stream().filter(t -> !created.contains(t.name())).toList();
            return new TopicSetup(created, names(found), differences(admin, found, timeout));
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot set up the MedPulse topics: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot set up the MedPulse topics: Kafka did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up the MedPulse topics", e);
        }
    }

    /** Creates {@code topics}, tolerating any that another client created meanwhile; returns those it created. */
    private static List<String> create(Admin admin, List<NewTopic> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> created = new ArrayList<>();
        CreateTopicsResult result = admin.createTopics(topics, new CreateTopicsOptions()
                .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        for (NewTopic topic : topics) {
            try {
                result.values().get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        NewTopics.awaitWritable(admin, result, created, timeout);
        return List.copyOf(created);
    }

    private static List<String> differences(Admin admin, List<NewTopic> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(names(topics))
                .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList())
                .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> differences = new ArrayList<>();
        for (NewTopic wanted : topics) {
            int partitions = descriptions.get(wanted.name()).partitions().size();
            if (partitions != wanted.numPartitions()) {
                differences.add(wanted.name() + " has " + partitions + " partitions, not " + wanted.numPartitions());
            }
            String wantedPolicy = wanted.configs() == null ? null : wanted.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
            ConfigEntry policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, wanted.name()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (wantedPolicy != null && (policy == null || !wantedPolicy.equals(policy.value()))) {
                differences.add(wanted.name() + " has cleanup.policy=" + (policy == null ? "?" : policy.value())
                        + ", not " + wantedPolicy);
            }
        }
        return List.copyOf(differences);
    }

    private static List<String> names(Collection<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableList());
    }

    /**
     * What {@link #ensure} did: topics it created, topics it found, and how found topics differ
     * from their definition (left as they are; e.g. fewer partitions than now asked for).
     */
    public record TopicSetup(List<String> created, List<String> found, List<String> differences) {

        public TopicSetup {
            created = List.copyOf(created);
            found = List.copyOf(found);
            differences = List.copyOf(differences);
        }
    }
}

package org.medpulse.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

/**
 * The topics MedPulse needs, defined once for every place that creates them (the local stack,
 * {@code medpulse streams} at start-up, the benchmarks): {@code survey-responses} (partitioned,
 * kept forever), its dead-letter topic and the compacted {@code tool-catalogue}. The schema
 * registry creates its own {@code _schemas}. Replication follows the broker's default. Immutable;
 * {@link #ensure(Admin, Duration)} creates what is missing and leaves existing topics as they are.
 *
 * <p>Record timestamps are survey dates ({@code submittedAt}), often months or years old. Under
 * the broker's default time-based retention (7 days) such records are deleted at the next
 * retention check, active segment included, before anyone reads them: a replayed wave would
 * silently vanish. So the responses topic keeps everything ({@code retention.ms=-1}: it is the
 * source of truth and small), and the dead-letter topic stamps records when they are
 * dead-lettered ({@code LogAppendTime}), so its retention counts from the failure.
 */
public final class ProjectTopics {

    /** Partitions of {@code survey-responses} unless told otherwise: the upper bound on parallelism. */
    public static final int DEFAULT_SURVEY_RESPONSE_PARTITIONS = 6;

    private final String responses;
    private final String deadLetters;
    private final String toolCatalogue;
    private final int surveyResponsePartitions;

    private ProjectTopics(String responses, String deadLetters, String toolCatalogue, int surveyResponsePartitions) {
        this.responses = Objects.requireNonNull(responses, "responses");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.toolCatalogue = Objects.requireNonNull(toolCatalogue, "toolCatalogue");
        this.surveyResponsePartitions = surveyResponsePartitions;
    }

    /** The topics under their {@link Topics} names, {@value #DEFAULT_SURVEY_RESPONSE_PARTITIONS} partitions for the responses. */
    public static ProjectTopics defaults() {
        return new ProjectTopics(Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.TOOL_CATALOGUE,
                DEFAULT_SURVEY_RESPONSE_PARTITIONS);
    }

    /** The same topics under other names (an application configured with its own). */
    public ProjectTopics withNames(String responses, String deadLetters, String toolCatalogue) {
        return new ProjectTopics(responses, deadLetters, toolCatalogue, surveyResponsePartitions);
    }

    /** The partition count {@code survey-responses} is created with (its upper bound on parallelism). */
    public ProjectTopics withSurveyResponsePartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException(responses + " needs at least 1 partition, got " + partitions);
        }
        return new ProjectTopics(responses, deadLetters, toolCatalogue, partitions);
    }

    public int surveyResponsePartitions() {
        return surveyResponsePartitions;
    }

    /** The topics with their partitions and configs. */
    public List<NewTopic> definitions() {
        return List.of(
                new NewTopic(responses, Optional.of(surveyResponsePartitions), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(deadLetters, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")),
                new NewTopic(toolCatalogue, Optional.of(1), Optional.empty())
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

package org.medpulse.it.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.cluster.ProjectTopics.TopicSetup;
import org.medpulse.devstack.kafka.BrokerOptions;
import org.medpulse.devstack.kafka.EmbeddedKafkaBroker;
import org.medpulse.devstack.stack.TopicLayout;
import org.medpulse.schemas.Topics;

class ProjectTopicsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void createsTheMissingTopicsOnceAndFindsThemAfterABrokerRestart() throws Exception {
        BrokerOptions options = BrokerOptions.inDirectory(tmp.resolve("kafka"));
        ProjectTopics topics = ProjectTopics.defaults().withSurveyResponsePartitions(4);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options);
             Admin admin = admin(broker)) {
            TopicSetup first = topics.ensure(admin, TIMEOUT);
            assertThat(first.created()).containsExactly(
                    Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.TOOL_CATALOGUE);
            assertThat(first.found()).isEmpty();

            TopicSetup again = topics.ensure(admin, TIMEOUT);
            assertThat(again.created()).isEmpty();
            assertThat(again.found()).containsExactly(
                    Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.TOOL_CATALOGUE);
            assertThat(again.differences()).isEmpty();
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(options);
             Admin admin = admin(restarted)) {
            TopicSetup afterRestart = topics.ensure(admin, TIMEOUT);
            assertThat(afterRestart.created()).isEmpty();
            assertThat(afterRestart.differences()).isEmpty();

            TopicLayout layout = TopicLayout.of(admin);
            assertThat(layout.partitions(Topics.SURVEY_RESPONSES)).isEqualTo(4);
            assertThat(layout.config(Topics.SURVEY_RESPONSES, "retention.ms")).isEqualTo("-1");
            assertThat(layout.config(Topics.SURVEY_RESPONSES, "cleanup.policy")).isEqualTo("delete");
            assertThat(layout.partitions(Topics.SURVEY_RESPONSES_DLQ)).isEqualTo(1);
            assertThat(layout.partitions(Topics.TOOL_CATALOGUE)).isEqualTo(1);
            assertThat(layout.config(Topics.TOOL_CATALOGUE, "cleanup.policy")).isEqualTo("compact");

            // Asking for more partitions later changes nothing but is reported.
            TopicSetup wider = ProjectTopics.defaults().withSurveyResponsePartitions(12).ensure(admin, TIMEOUT);
            assertThat(wider.created()).isEmpty();
            assertThat(wider.differences()).containsExactly("survey-responses has 4 partitions, not 12");
            assertThat(TopicLayout.of(admin).partitions(Topics.SURVEY_RESPONSES)).isEqualTo(4);
        }
    }

    @Test
    void createsOnlyWhatIsMissingAndReportsATopicThatIsNotCompacted() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerOptions.inDirectory(tmp.resolve("kafka")));
             Admin admin = admin(broker)) {
            // Someone auto-created the catalogue topic by producing to it: delete policy, one partition.
            admin.createTopics(List.of(new NewTopic(Topics.TOOL_CATALOGUE, 1, (short) 1))).all().get();

            TopicSetup setup = ProjectTopics.defaults().ensure(admin, TIMEOUT);

            assertThat(setup.created()).containsExactly(Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ);
            assertThat(setup.found()).containsExactly(Topics.TOOL_CATALOGUE);
            assertThat(setup.differences()).containsExactly("tool-catalogue has cleanup.policy=delete, not compact");
            assertThat(TopicLayout.of(admin).partitions(Topics.SURVEY_RESPONSES))
                    .isEqualTo(ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
        }
    }

    @Test
    void definesTheProjectTopicsAndRejectsZeroPartitions() {
        assertThat(ProjectTopics.defaults().definitions())
                .extracting(NewTopic::name, NewTopic::numPartitions)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("survey-responses", 6),
                        org.assertj.core.groups.Tuple.tuple("survey-responses-dlq", 1),
                        org.assertj.core.groups.Tuple.tuple("tool-catalogue", 1));
        assertThatThrownBy(() -> ProjectTopics.defaults().withSurveyResponsePartitions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("survey-responses needs at least 1 partition, got 0");
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }
}

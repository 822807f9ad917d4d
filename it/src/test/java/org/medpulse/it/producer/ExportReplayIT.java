package org.medpulse.it.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.producer.archive.WaveArchive;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.schemas.Topics;
import org.medpulse.testkit.LocalStackExtension;
import org.medpulse.testkit.TopicContent;

/** simulate, export and replay on a real broker: the round trip keeps every record and its original time. */
class ExportReplayIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();
    /** The real registry, stored in the broker's _schemas topic. */
    static String registry;
    static final Instant JUNE = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant JULY = Instant.parse("2025-07-01T00:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopic() {
        STACK.createTopic(Topics.SURVEY_RESPONSES, ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS);
        registry = STACK.registryUrl();
    }

    private static int medpulse(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", STACK.bootstrapServers(), "--registry", registry));
        return MedPulseCommand.execute(all.toArray(String[]::new));
    }

    @Test
    void anExportedWaveReplaysWithTheSameIdsAndItsOriginalTimestamps() throws Exception {
        assertThat(medpulse("simulate", "--wave", "2025-06", "--respondents", "400", "--partners", "2")).isZero();
        assertThat(medpulse("simulate", "--wave", "2024-06", "--respondents", "100")).isZero();
        List<SurveyResponse> simulated = PanelSimulator.of(PanelSettings.of("2025-06", 400, JUNE, JULY).withPartners(2))
                .deliveries().toList();

        Path archive = dir.resolve("wave-2025-06.avro");
        assertThat(medpulse("export", "--wave", "2025-06", "--out", archive.toString())).isZero();

        List<SurveyResponse> archived = new ArrayList<>();
        try (WaveArchive.Reader reader = WaveArchive.open(archive)) {
            reader.forEach(archived::add);
        }
        assertThat(archived).containsExactlyInAnyOrderElementsOf(simulated);

        Map<TopicPartition, Long> beforeReplay = TopicContent.endOffsets(STACK, Topics.SURVEY_RESPONSES);
        assertThat(medpulse("replay", archive.toString())).isZero();
        List<ConsumerRecord<String, SurveyResponse>> replayed =
                TopicContent.after(STACK, registry, Topics.SURVEY_RESPONSES, beforeReplay);

        assertThat(replayed).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(archived);
        assertThat(replayed).allSatisfy(record -> {
            assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(record.timestamp()).isEqualTo(record.value().getSubmittedAt().toEpochMilli());
            assertThat(record.key()).isEqualTo(record.value().getPartnerId() + "/" + record.value().getRespondentId());
        });

        Map<TopicPartition, Long> beforeRerun = TopicContent.endOffsets(STACK, Topics.SURVEY_RESPONSES);
        assertThat(medpulse("replay", "--as-wave", "2025-06-rerun", "--rate", "2000/s", archive.toString())).isZero();
        List<SurveyResponse> rerun = TopicContent.after(STACK, registry, Topics.SURVEY_RESPONSES, beforeRerun)
                .stream().map(ConsumerRecord::value).toList();
        assertThat(rerun).extracting(SurveyResponse::getWaveId).containsOnly("2025-06-rerun");
        assertThat(rerun).extracting(SurveyResponse::getResponseId)
                .containsExactlyInAnyOrderElementsOf(archived.stream().map(SurveyResponse::getResponseId).toList());
    }
}

package org.medpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.streams.testing.Responses.response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.state.CellKey;
import org.medpulse.streams.state.DayKey;
import org.medpulse.streams.state.KeyRange;
import org.medpulse.streams.state.LatestKey;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.OrderedKey;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.ToolKey;
import org.medpulse.streams.state.UsageCounts;
import org.medpulse.streams.state.RecordKeys;
import org.medpulse.streams.state.WaveSummary;
import org.medpulse.streams.testing.ReferenceModel;
import org.medpulse.streams.testing.StoreContents;
import org.medpulse.streams.testing.TopologyFixture;

class SurveyTopologyTest {

    private TopologyFixture topology;
    private final ReferenceModel model = new ReferenceModel();

    @BeforeEach
    void start() {
        topology = new TopologyFixture();
    }

    @AfterEach
    void stop() {
        topology.close();
    }

    private void send(SurveyResponse response) {
        topology.send(response);
        model.accept(org.medpulse.streams.testing.Responses.keyOf(response), response);
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void firstResponseEntersEveryStore() {
        send(response("p1", "r1", "2025-06").id("a").at("2025-06-02T08:10:00Z")
                .practice(PracticeType.SPECIALIST, PracticeSetting.PRIVATE_PRACTICE)
                .frequency(UsageFrequency.DAILY)
                .useCases(UseCase.DIAGNOSIS, UseCase.DIAGNOSIS, UseCase.KNOWLEDGE_SEARCH)
                .expected(UseCase.MEDICAL_IMAGING)
                .barriers(Barrier.COST, Barrier.COST)
                .tool("ChatGPT", UsageFrequency.DAILY).tool("Nabla", null)
                .build());

        StoreContents all = topology.stores();
        StoreContents stores = all.countsOnly();
        String cell = "2025-06|p1|SPECIALIST|PRIVATE_PRACTICE";
        assertThat(stores.usageByWave()).containsOnlyKeys(cell);
        assertThat(stores.usageByWave().get(cell)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "respondents", 1, "frequency.DAILY", 1, "useCase.DIAGNOSIS", 1, "useCase.KNOWLEDGE_SEARCH", 1,
                "expected.MEDICAL_IMAGING", 1));
        assertThat(stores.barriersByWave().get(cell)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "respondents", 1, "barrier.COST", 1));
        assertThat(stores.toolsByWave()).containsOnly(
                Map.entry("2025-06|chatgpt|p1|SPECIALIST|PRIVATE_PRACTICE", Map.of("users", 1, "regularUsers", 1)),
                Map.entry("2025-06|nabla|p1|SPECIALIST|PRIVATE_PRACTICE", Map.of("users", 1)));
        assertThat(stores.usageByDay()).containsOnlyKeys("2025-06-02|" + cell);
        assertThat(stores.waves()).containsOnly(Map.entry("2025-06",
                new WaveSummary(1, 0, millis("2025-06-02T08:10:00Z"), millis("2025-06-02T08:10:00Z"))));
        assertThat(stores.latest()).containsOnlyKeys("2025-06|p1|r1");
        assertThat(all).isEqualTo(model.expected());
    }

    @Test
    void correctionMovesTheRespondentOutOfEveryOldCellDayAndTool() {
        send(response("p1", "r1", "2025-06").id("a").at("2025-06-02T08:00:00Z")
                .practice(PracticeType.GENERAL_PRACTITIONER, PracticeSetting.HOSPITAL)
                .frequency(UsageFrequency.WEEKLY).useCases(UseCase.DIAGNOSIS).barriers(Barrier.COST)
                .tool("ChatGPT", UsageFrequency.WEEKLY).build());
        send(response("p1", "r2", "2025-06").id("b").at("2025-06-02T09:00:00Z")
                .practice(PracticeType.GENERAL_PRACTITIONER, PracticeSetting.HOSPITAL)
                .frequency(UsageFrequency.DAILY).tool("chatgpt", UsageFrequency.DAILY).build());

        send(response("p1", "r1", "2025-06").id("c").at("2025-06-05T10:00:00Z")
                .practice(PracticeType.SPECIALIST, PracticeSetting.MIXED)
                .frequency(UsageFrequency.SEVERAL_TIMES_A_DAY).useCases(UseCase.MEDICAL_IMAGING)
                .barriers(Barrier.DATA_PRIVACY).tool("Posos", UsageFrequency.DAILY).build());

        StoreContents all = topology.stores();
        StoreContents stores = all.countsOnly();
        String oldCell = "2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL";
        String newCell = "2025-06|p1|SPECIALIST|MIXED";
        assertThat(stores.usageByWave().get(oldCell)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "respondents", 1, "frequency.DAILY", 1));
        assertThat(stores.usageByWave().get(newCell)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "respondents", 1, "frequency.SEVERAL_TIMES_A_DAY", 1, "useCase.MEDICAL_IMAGING", 1));
        assertThat(stores.barriersByWave().get(oldCell)).containsExactlyInAnyOrderEntriesOf(Map.of("respondents", 1));
        assertThat(stores.toolsByWave()).containsOnly(
                Map.entry("2025-06|chatgpt|p1|GENERAL_PRACTITIONER|HOSPITAL", Map.of("users", 1, "regularUsers", 1)),
                Map.entry("2025-06|posos|p1|SPECIALIST|MIXED", Map.of("users", 1, "regularUsers", 1)));
        assertThat(stores.usageByDay()).containsOnlyKeys("2025-06-02|" + oldCell, "2025-06-05|" + newCell);
        assertThat(stores.waves().get("2025-06")).isEqualTo(
                new WaveSummary(2, 0, millis("2025-06-02T09:00:00Z"), millis("2025-06-05T10:00:00Z")));
        assertThat(stores.latest().get("2025-06|p1|r1").responseId()).isEqualTo("c");
        assertThat(all).isEqualTo(model.expected());
    }

    @Test
    void aRespondentKeepsOneRecordKeyThroughCorrectionsAndRedeliveriesAndAReplayGivesTheSameKeySums() {
        List<SurveyResponse> history = List.of(
                response("p1", "r1", "2025-06").id("a").at("2025-06-02T08:00:00Z")
                        .practice(PracticeType.GENERAL_PRACTITIONER, PracticeSetting.HOSPITAL).frequency(UsageFrequency.DAILY).build(),
                response("p1", "r2", "2025-06").id("b").at("2025-06-02T09:00:00Z").frequency(UsageFrequency.NEVER).build(),
                response("p1", "r1", "2025-06").id("c").at("2025-06-04T08:00:00Z")
                        .practice(PracticeType.SPECIALIST, PracticeSetting.MIXED).frequency(UsageFrequency.WEEKLY).build(),
                response("p1", "r1", "2025-06").id("a").at("2025-06-02T08:00:00Z").frequency(UsageFrequency.DAILY).build());
        history.forEach(this::send);
        int r1 = RecordKeys.withSecret(TopologyFixture.RECORD_KEY_SECRET).of("2025-06", "p1", "r1");
        int r2 = RecordKeys.withSecret(TopologyFixture.RECORD_KEY_SECRET).of("2025-06", "p1", "r2");

        StoreContents stores = topology.stores();
        assertThat(stores.latest().get("2025-06|p1|r1").recordKey()).isEqualTo(r1);
        // The correction moved r1 out of its first cell, key and all; r1's new cell holds r1's key alone.
        assertThat(stores.usageByWave().get("2025-06|p1|SPECIALIST|MIXED")).containsEntry("respondents#key", r1);
        assertThat(stores.waves().get("2025-06").keySum()).isEqualTo(r1 + r2);

        try (TopologyFixture replay = new TopologyFixture()) {
            history.forEach(replay::send);
            assertThat(replay.stores()).isEqualTo(stores);
        }
        assertThat(stores).isEqualTo(model.expected());
    }

    @Test
    void redeliveryOfTheSameSubmissionChangesNothingEvenWithOtherContent() {
        send(response("p1", "r1", "2025-06").id("a").at("2025-06-02T08:00:00Z")
                .frequency(UsageFrequency.WEEKLY).tool("Nabla", UsageFrequency.WEEKLY).build());
        StoreContents before = topology.stores();

        send(response("p1", "r1", "2025-06").id("a").at("2025-06-02T08:00:00Z")
                .practice(PracticeType.SPECIALIST, PracticeSetting.MIXED)
                .frequency(UsageFrequency.DAILY).tool("ChatGPT", UsageFrequency.DAILY).build());

        assertThat(topology.stores()).isEqualTo(before).isEqualTo(model.expected());
        assertThat(before.latest().get("2025-06|p1|r1").usageFrequency()).isEqualTo(UsageFrequency.WEEKLY);
    }

    @Test
    void olderResponseArrivingAfterANewerOneChangesNothing() {
        send(response("p1", "r1", "2025-06").id("new").at("2025-06-03T08:00:00Z")
                .frequency(UsageFrequency.DAILY).build());
        StoreContents before = topology.stores();

        send(response("p1", "r1", "2025-06").id("zzz-old").at("2025-06-02T08:00:00Z")
                .frequency(UsageFrequency.NEVER).build());

        assertThat(topology.stores()).isEqualTo(before).isEqualTo(model.expected());
    }

    @ParameterizedTest(name = "{0} then {1}: {2} counts")
    @CsvSource({"a, b, b", "b, a, b", "response-10, response-9, response-9", "A, a, a"})
    void sameSubmittedAtIsWonByTheLargerResponseIdInEitherArrivalOrder(String first, String second, String winner) {
        send(response("p1", "r1", "2025-06").id(first).at("2025-06-02T08:00:00Z")
                .frequency(first.equals(winner) ? UsageFrequency.DAILY : UsageFrequency.NEVER).build());
        send(response("p1", "r1", "2025-06").id(second).at("2025-06-02T08:00:00Z")
                .frequency(second.equals(winner) ? UsageFrequency.DAILY : UsageFrequency.NEVER).build());

        StoreContents all = topology.stores();
        StoreContents stores = all.countsOnly();
        assertThat(stores.latest().get("2025-06|p1|r1").responseId()).isEqualTo(winner);
        assertThat(stores.usageByWave().get("2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("respondents", 1, "frequency.DAILY", 1));
        assertThat(all).isEqualTo(model.expected());
    }

    @Test
    void respondentsCountOncePerWaveAndPartnersKeepTheirOwnCells() {
        send(response("p1", "r1", "2025-05").id("a").at("2025-06-02T07:00:00Z").frequency(UsageFrequency.DAILY).build());
        send(response("p1", "r1", "2025-06").id("b").at("2025-06-02T08:00:00Z").frequency(UsageFrequency.WEEKLY).build());
        send(response("p2", "r1", "2025-06").id("c").at("2025-06-02T09:00:00Z").frequency(UsageFrequency.MONTHLY).build());
        send(response("p1", "r2", "2025-06").id("d").at("2025-06-03T09:00:00Z").frequency(UsageFrequency.NEVER).build());

        StoreContents all = topology.stores();
        StoreContents stores = all.countsOnly();
        assertThat(stores.waves().keySet()).containsExactly("2025-05", "2025-06");
        assertThat(stores.waves().get("2025-06").respondents()).isEqualTo(3);
        assertThat(stores.waves().get("2025-05").respondents()).isEqualTo(1);
        assertThat(stores.usageByWave().get("2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL"))
                .containsEntry("respondents", 2);
        assertThat(stores.usageByWave().get("2025-06|p2|GENERAL_PRACTITIONER|HOSPITAL"))
                .containsEntry("respondents", 1);
        // r1 of p1 answered two waves on the same day: once per wave.
        assertThat(stores.usageByDay().keySet()).containsExactly(
                "2025-06-02|2025-05|p1|GENERAL_PRACTITIONER|HOSPITAL",
                "2025-06-02|2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL",
                "2025-06-02|2025-06|p2|GENERAL_PRACTITIONER|HOSPITAL",
                "2025-06-03|2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL");
        assertThat(all).isEqualTo(model.expected());
    }

    @Test
    void firstSubmissionOfAWaveMovesWhenTheEarliestRespondentCorrects() {
        send(response("p1", "r1", "2025-06").id("a").at("2025-06-01T08:00:00Z").build());
        send(response("p1", "r2", "2025-06").id("b").at("2025-06-03T08:00:00Z").build());
        send(response("p1", "r3", "2025-06").id("c").at("2025-06-02T08:00:00Z").build());

        send(response("p1", "r1", "2025-06").id("d").at("2025-06-04T08:00:00Z").build());

        assertThat(topology.stores().countsOnly().waves().get("2025-06")).isEqualTo(
                new WaveSummary(3, 0, millis("2025-06-02T08:00:00Z"), millis("2025-06-04T08:00:00Z")));
        assertThat(topology.stores()).isEqualTo(model.expected());
    }

    @Test
    void aWaveReplayedTwoYearsAfterLiveDataCountsExactly() {
        for (int i = 0; i < 20; i++) {
            send(response("p1", "live-" + i, "2025-06").at(Instant.parse("2025-06-02T08:00:00Z").plusSeconds(i * 3600L))
                    .frequency(UsageFrequency.values()[i % 7]).tool("ChatGPT", UsageFrequency.DAILY).build());
        }
        for (int i = 0; i < 30; i++) {
            send(response("p2", "old-" + i, "2023-06").at(Instant.parse("2023-06-02T08:00:00Z").plusSeconds(i * 7200L))
                    .frequency(UsageFrequency.values()[i % 7]).tool("Nabla", UsageFrequency.WEEKLY).build());
        }
        // Corrections inside the replayed wave, still two years behind stream time.
        send(response("p2", "old-0", "2023-06").at("2023-06-20T08:00:00Z").frequency(UsageFrequency.DAILY).build());

        StoreContents all = topology.stores();
        StoreContents stores = all.countsOnly();
        assertThat(stores.waves().get("2023-06").respondents()).isEqualTo(30);
        assertThat(stores.waves().get("2025-06").respondents()).isEqualTo(20);
        assertThat(stores.toolsByWave().get("2023-06|nabla|p2|GENERAL_PRACTITIONER|HOSPITAL"))
                .containsEntry("users", 29);
        assertThat(all).isEqualTo(model.expected());
    }

    @Test
    void wavesAndDaySpansAreRangeScansOfTheStores() {
        send(response("p1", "r1", "2025-06").at("2025-06-02T08:00:00Z").build());
        send(response("p2", "r1", "2025-06").at("2025-06-30T23:59:59Z").tool("Nabla", null).build());
        send(response("p1", "r1", "2025-060").at("2025-07-01T00:00:00Z").tool("Nabla", null).build());
        send(response("p1", "r1", "2025-05").at("2025-05-31T23:59:59Z").build());

        assertThat(keys(topology.driver().<CellKey, UsageCounts>getKeyValueStore(SurveyStores.USAGE_BY_WAVE.name()),
                CellKey.ofWave("2025-06")))
                .containsExactly("2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL", "2025-06|p2|GENERAL_PRACTITIONER|HOSPITAL");
        assertThat(keys(topology.driver().<DayKey, UsageCounts>getKeyValueStore(SurveyStores.USAGE_BY_DAY.name()),
                DayKey.ofDays(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-30"))))
                .containsExactly("2025-06-02|2025-06|p1|GENERAL_PRACTITIONER|HOSPITAL",
                        "2025-06-30|2025-06|p2|GENERAL_PRACTITIONER|HOSPITAL");
        assertThat(keys(topology.driver().<ToolKey, ToolCounts>getKeyValueStore(SurveyStores.TOOLS_BY_WAVE.name()),
                ToolKey.ofWaveAndTool("2025-06", "nabla")))
                .containsExactly("2025-06|nabla|p2|GENERAL_PRACTITIONER|HOSPITAL");
        assertThat(keys(topology.driver().<LatestKey, LatestResponse>getKeyValueStore(SurveyStores.RESPONSES_LATEST),
                LatestKey.ofWave("2025-06")))
                .containsExactly("2025-06|p1|r1", "2025-06|p2|r1");
    }

    private static <K extends OrderedKey, V> List<String> keys(KeyValueStore<K, V> store, KeyRange<K> range) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<K, V> scan = store.range(range.from(), range.to())) {
            scan.forEachRemaining(entry -> keys.add(entry.key.toString()));
        }
        return keys;
    }

    @Nested
    class Tools {

        static Stream<Arguments> names() {
            return Stream.of(
                    Arguments.of("ChatGPT", "chatgpt"),
                    Arguments.of("chat gpt", "chatgpt"),
                    Arguments.of("Chat-GPT", "chatgpt"),
                    Arguments.of("chatgpt-4o", "chatgpt"),
                    Arguments.of("  CHATGPT ", "chatgpt"),
                    Arguments.of("Synapse Medicine", "synapse"),
                    Arguments.of("MammoScreen", "therapixel"),
                    Arguments.of("Outil interne", "outil-interne"),
                    Arguments.of("Écho Assistant™", "echo-assistant"));
        }

        @ParameterizedTest(name = "{0} → {1}")
        @MethodSource("names")
        void namesAreNormalisedToCatalogueIdsOrSlugs(String name, String id) {
            send(response("p1", "r1", "2025-06").tool(name, UsageFrequency.DAILY).build());

            assertThat(topology.stores().countsOnly().toolsByWave())
                    .containsOnlyKeys("2025-06|" + id + "|p1|GENERAL_PRACTITIONER|HOSPITAL");
        }

        @Test
        void aToolListedUnderSeveralNamesCountsOnceAndIsRegularIfAnyListingIs() {
            send(response("p1", "r1", "2025-06")
                    .tool("ChatGPT", UsageFrequency.MONTHLY).tool("chat gpt", UsageFrequency.SEVERAL_TIMES_A_WEEK)
                    .tool("Nabla", UsageFrequency.WEEKLY).tool("nabla", null)
                    .tool("Posos", null).tool("!!!", UsageFrequency.DAILY).tool(" ", UsageFrequency.DAILY)
                    .build());

            assertThat(topology.stores().countsOnly().toolsByWave()).containsOnly(
                    Map.entry("2025-06|chatgpt|p1|GENERAL_PRACTITIONER|HOSPITAL", Map.of("users", 1, "regularUsers", 1)),
                    Map.entry("2025-06|nabla|p1|GENERAL_PRACTITIONER|HOSPITAL", Map.of("users", 1)),
                    Map.entry("2025-06|posos|p1|GENERAL_PRACTITIONER|HOSPITAL", Map.of("users", 1)));
            assertThat(topology.stores()).isEqualTo(model.expected());
        }

        @Test
        void operatorsExtendTheCatalogueAtRuntime() {
            send(response("p1", "r1", "2025-06").at("2025-06-02T08:00:00Z")
                    .tool("Outil interne", UsageFrequency.DAILY).build());

            topology.publish(new org.medpulse.schemas.catalogue.ToolEntry("docbot", "DocBot", "CHU Lyon", "OTHER",
                    List.of("outil interne"), true), Instant.parse("2025-06-02T09:00:00Z"));
            send(response("p1", "r2", "2025-06").at("2025-06-02T10:00:00Z")
                    .tool("Outil interne", UsageFrequency.DAILY).build());

            // r1 keeps what was counted for it until its response changes; r2 is counted under the new id.
            assertThat(topology.stores().countsOnly().toolsByWave()).containsOnlyKeys(
                    "2025-06|outil-interne|p1|GENERAL_PRACTITIONER|HOSPITAL",
                    "2025-06|docbot|p1|GENERAL_PRACTITIONER|HOSPITAL");

            send(response("p1", "r1", "2025-06").at("2025-06-03T08:00:00Z")
                    .tool("Outil interne", UsageFrequency.DAILY).build());
            assertThat(topology.stores().countsOnly().toolsByWave()).containsOnly(Map.entry(
                    "2025-06|docbot|p1|GENERAL_PRACTITIONER|HOSPITAL", Map.of("users", 2, "regularUsers", 2)));

            // A tombstone removes the operator's entry: new responses fall back to the slug.
            topology.publishRaw("docbot", null, Instant.parse("2025-06-03T09:00:00Z"));
            send(response("p1", "r3", "2025-06").at("2025-06-03T10:00:00Z")
                    .tool("Outil interne", null).build());
            assertThat(topology.stores().countsOnly().toolsByWave()).containsKey(
                    "2025-06|outil-interne|p1|GENERAL_PRACTITIONER|HOSPITAL");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = ';', value = {
                "not json;{oops",
                "id not a slug;{\"id\":\"Doc Bot\",\"name\":\"DocBot\"}",
                "id differs from key;{\"id\":\"other\",\"name\":\"DocBot\"}"})
        void invalidCatalogueEntriesAreIgnored(String why, String json) {
            topology.publishRaw("docbot", json, Instant.parse("2025-06-02T07:00:00Z"));
            send(response("p1", "r1", "2025-06").tool("Doc Bot", UsageFrequency.DAILY).build());

            assertThat(topology.stores().countsOnly().toolsByWave()).containsOnlyKeys(
                    "2025-06|doc-bot|p1|GENERAL_PRACTITIONER|HOSPITAL");
        }
    }
}

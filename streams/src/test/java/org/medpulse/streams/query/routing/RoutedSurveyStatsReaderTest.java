package org.medpulse.streams.query.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InMemorySurveyStats;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.streams.query.SurveyStatsReader;

/** Routing and merging across two instances, without HTTP: peers are called directly. */
class RoutedSurveyStatsReaderTest {

    static final HostInfo A = new HostInfo("instance-a", 7001);
    static final HostInfo B = new HostInfo("instance-b", 7002);
    static final int PARTITIONS = 4;
    static final List<Answer> PANEL = SurveyFixtures.panel();
    static final SurveyStatsReader REFERENCE = new InMemorySurveyStats().replaceAll(PANEL);
    static final List<SurveyFilter> FILTERS = List.of(SurveyFilter.all(), SurveyFilter.all().withPartner("MEDICA"),
            SurveyFilter.of(null, PracticeType.GENERAL_PRACTITIONER, null),
            SurveyFilter.of("acme", PracticeType.SPECIALIST, PracticeSetting.HOSPITAL),
            SurveyFilter.all().withPartner("nobody"));
    static final ReadOptions ACTIVE = ReadOptions.activeOnly();

    InMemoryPartitions storesA;
    InMemoryPartitions storesB;
    final Map<HostInfo, InMemoryPartitions> hosts = new HashMap<>();
    final Map<HostInfo, AtomicInteger> peerCalls = new HashMap<>();
    final Deque<Map<Integer, HostInfo>> upcomingActive = new ArrayDeque<>();
    Map<Integer, HostInfo> active;
    Map<Integer, List<HostInfo>> standbys;
    boolean running = true;

    @BeforeEach
    void twoInstances() {
        storesA = InMemoryPartitions.of(PANEL, PARTITIONS, Set.of(0, 1), Set.of(2, 3));
        storesB = InMemoryPartitions.of(PANEL, PARTITIONS, Set.of(2, 3), Set.of(0, 1));
        hosts.put(A, storesA);
        hosts.put(B, storesB);
        active = new HashMap<>(Map.of(0, A, 1, A, 2, B, 3, B));
        standbys = new HashMap<>(Map.of(0, List.of(B), 1, List.of(B), 2, List.of(A), 3, List.of(A)));
    }

    RoutedSurveyStatsReader readerOn(HostInfo self) {
        PartitionDirectory directory = () -> {
            if (!running) {
                return Optional.empty();
            }
            if (!upcomingActive.isEmpty()) {
                active = upcomingActive.poll();
            }
            return Optional.of(new PartitionPlacement(self, PARTITIONS, active, standbys));
        };
        PeerClient peers = new PeerClient() {
            @Override
            public <T> CompletableFuture<Map<Integer, PartitionResult<T>>> read(HostInfo peer, PartialQuery<T> query,
                                                                                Set<Integer> partitions, ReadOptions options) {
                assertThat(peer).as("never asks itself over the network").isNotEqualTo(self);
                peerCalls.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
                return CompletableFuture.completedFuture(hosts.get(peer).read(query, partitions, options));
            }
        };
        return new RoutedSurveyStatsReader(directory, hosts.get(self), peers);
    }

    @Test
    void eitherInstanceAnswersEveryQuestionCompletely() {
        for (RoutedSurveyStatsReader reader : List.of(readerOn(A), readerOn(B))) {
            assertThat(reader.waves(ACTIVE)).isEqualTo(REFERENCE.waves(ACTIVE));
            assertThat(reader.waveTotals(ACTIVE)).isEqualTo(REFERENCE.waveTotals(ACTIVE));
            for (SurveyFilter filter : FILTERS) {
                for (String wave : List.of(SurveyFixtures.WAVE_2024, SurveyFixtures.WAVE_2025, SurveyFixtures.WAVE_2026)) {
                    assertThat(reader.usage(wave, filter, ACTIVE)).isEqualTo(REFERENCE.usage(wave, filter, ACTIVE));
                    assertThat(reader.barriers(wave, filter, ACTIVE)).isEqualTo(REFERENCE.barriers(wave, filter, ACTIVE));
                    assertThat(reader.tools(wave, filter, ACTIVE)).isEqualTo(REFERENCE.tools(wave, filter, ACTIVE));
                }
                for (DayRange days : List.of(DayRange.ending(LocalDate.of(2025, 6, 2), 1), DayRange.ending(LocalDate.of(2026, 6, 30), 366))) {
                    assertThat(reader.usageByDays(days, filter, ACTIVE)).isEqualTo(REFERENCE.usageByDays(days, filter, ACTIVE));
                }
                for (String tool : List.of("chatgpt", "nabla", "outil-interne", "never-named")) {
                    assertThat(reader.toolTrend(tool, filter, ACTIVE)).isEqualTo(REFERENCE.toolTrend(tool, filter, ACTIVE));
                }
            }
        }
        assertThat(peerCalls.keySet()).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aWaveIsUnknownOnlyWhenNoPartitionHasIt() {
        // Partition 0 alone holds a respondent of this wave.
        List<Answer> panel = List.of(Answer.in("2027-01").build());
        storesA = InMemoryPartitions.of(panel, PARTITIONS, Set.of(0, 1), Set.of());
        storesB = InMemoryPartitions.of(panel, PARTITIONS, Set.of(2, 3), Set.of());
        hosts.put(A, storesA);
        hosts.put(B, storesB);

        assertThat(readerOn(B).usage("2027-01", SurveyFilter.all().withPartner("nobody"), ACTIVE).value().respondents()).isZero();
        assertThat(readerOn(B).usage("1999-01", SurveyFilter.all(), ACTIVE))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.UNKNOWN_WAVE));
    }

    @Test
    void aPartitionThatMovedIsAskedOfItsNewOwner() {
        storesB.moveActive(2, storesA);
        // The first placement still says B owns partition 2; the next one has caught up.
        upcomingActive.add(Map.of(0, A, 1, A, 2, B, 3, B));
        upcomingActive.add(Map.of(0, A, 1, A, 2, A, 3, B));

        QueryResult<?> usage = readerOn(A).usage(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ACTIVE);

        assertThat(usage).isEqualTo(REFERENCE.usage(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ACTIVE));
        assertThat(peerCalls.get(B).get()).isEqualTo(1);
    }

    @Test
    void aPartitionThatMovedWhileMetadataLagsIsARetriableFailureNotAPartialAnswer() {
        storesB.failing(2, PartitionFailure.NOT_ACTIVE);

        QueryResult<?> usage = readerOn(A).usage(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ACTIVE);

        assertThat(usage).isInstanceOfSatisfying(QueryResult.Failure.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.REBALANCING);
            assertThat(f.message()).contains("2: ");
        });
        assertThat(peerCalls.get(B).get()).as("B is not asked twice for the same partition").isEqualTo(1);
    }

    @Test
    void aRestoringActiveCopyIsNotReadyUnlessStaleReadsMayUseTheStandby() {
        storesB.failing(2, PartitionFailure.NOT_UP_TO_DATE);

        assertThat(readerOn(A).usage(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ACTIVE))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.NOT_READY));
        assertThat(readerOn(A).usage(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ReadOptions.allowStale()))
                .isEqualTo(REFERENCE.usage(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ACTIVE));
    }

    @Test
    void aPartitionWithoutActiveOwnerIsRebalancingOrReadFromAStandby() {
        active.remove(3);

        assertThat(readerOn(B).waves(ACTIVE))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.REBALANCING));
        assertThat(readerOn(B).waves(ReadOptions.allowStale())).isEqualTo(REFERENCE.waves(ACTIVE));
    }

    @Test
    void anUnreachablePeerMakesThePeerUnavailable() {
        storesB.failing(2, PartitionFailure.UNREACHABLE);

        assertThat(readerOn(A).tools(SurveyFixtures.WAVE_2025, SurveyFilter.all(), ACTIVE))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.PEER_UNAVAILABLE));
    }

    @Test
    void aPeerFailingOutrightCountsAsUnreachable() {
        PeerClient broken = new PeerClient() {
            @Override
            public <T> CompletableFuture<Map<Integer, PartitionResult<T>>> read(HostInfo peer, PartialQuery<T> query,
                                                                                Set<Integer> partitions, ReadOptions options) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection reset"));
            }
        };
        RoutedSurveyStatsReader reader = new RoutedSurveyStatsReader(
                () -> Optional.of(new PartitionPlacement(A, PARTITIONS, active, standbys)), storesA, broken);

        assertThat(reader.waves(ACTIVE))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.PEER_UNAVAILABLE);
                    assertThat(f.message()).contains("connection reset");
                });
    }

    @Test
    void withoutMetadataTheStoresAreNotReady() {
        running = false;

        assertThat(readerOn(A).waves(ACTIVE))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.NOT_READY));
    }

    @Test
    void localPartitionsAreReadWithoutTheNetwork() {
        storesB.moveActive(2, storesA);
        storesB.moveActive(3, storesA);
        active.replaceAll((p, h) -> A);

        assertThat(readerOn(A).waves(ACTIVE)).isEqualTo(REFERENCE.waves(ACTIVE));
        assertThat(peerCalls).isEmpty();
    }
}

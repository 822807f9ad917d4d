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
import org.medpulse.streams.query.Audience;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.AnswersVersion;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InMemoryPartitions;
import org.medpulse.streams.query.LocalQueries;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.QueryService;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyFixtures;
import org.medpulse.streams.query.question.BarriersQuestion;
import org.medpulse.streams.query.question.RollingUsageQuestion;
import org.medpulse.streams.query.question.ToolTrendQuestion;
import org.medpulse.streams.query.question.ToolsQuestion;
import org.medpulse.streams.query.question.UsageQuestion;
import org.medpulse.streams.query.question.WaveTotalsQuestion;
import org.medpulse.streams.query.question.WavesQuestion;
import org.medpulse.streams.state.Mergeable;

/** Routing and merging across two instances, for every question, without HTTP: peers are called directly. */
class RoutedPartialAnswersTest {

    static final HostInfo A = new HostInfo("instance-a", 7001);
    static final HostInfo B = new HostInfo("instance-b", 7002);
    static final int PARTITIONS = 4;
    static final List<Answer> PANEL = SurveyFixtures.panel();
    static final QueryService REFERENCE = LocalQueries.over(InMemoryPartitions.holdingAll(PARTITIONS).replaceAll(PANEL),
            SmallCellPolicy.minCellSize(1), ToolCatalogue::builtIn);
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

    QueryService readerOn(HostInfo self) {
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
            public <P extends Mergeable<P>> CompletableFuture<Map<Integer, QueryResult<P>>> read(
                    HostInfo peer, Question<P, ?> question, Set<Integer> partitions, ReadOptions options) {
                assertThat(peer).as("never asks itself over the network").isNotEqualTo(self);
                peerCalls.computeIfAbsent(peer, p -> new AtomicInteger()).incrementAndGet();
                return CompletableFuture.completedFuture(hosts.get(peer).read(question, partitions, options));
            }
        };
        return service(new RoutedPartialAnswers(directory, hosts.get(self), peers));
    }

    static QueryService service(RoutedPartialAnswers answers) {
        return new QueryService(answers, LocalQueries.suppressing(SmallCellPolicy.minCellSize(1)), ToolCatalogue::builtIn);
    }

    @Test
    void aVersionIsKnownOnlyWhenThisInstanceActivelyHoldsEveryPartitionAndStaleCopiesAreNotAsked() {
        storesA.versioned(() -> Optional.of("commit 7"));
        QueryService reader = readerOn(A);
        assertThat(reader.version(ACTIVE)).as("partitions 2 and 3 are B's").isEmpty();

        active = new HashMap<>(Map.of(0, A, 1, A, 2, A, 3, A));
        Optional<AnswersVersion> all = reader.version(ACTIVE);
        assertThat(all).isPresent();
        assertThat(all.get().stores()).isEqualTo("commit 7");
        assertThat(reader.version(ReadOptions.allowStale())).as("stale reads").isEmpty();

        storesA.versioned(Optional::empty);
        assertThat(reader.version(ACTIVE)).as("the stores' version unknown").isEmpty();
        storesA.versioned(() -> Optional.of("commit 7"));
        running = false;
        assertThat(reader.version(ACTIVE)).as("no placement").isEmpty();
    }

    @Test
    void eitherInstanceAnswersEveryQuestionCompletely() {
        answersEveryQuestionCompletely();
    }

    @Test
    void eitherInstanceAnswersEveryQuestionCompletelyReadingItsOwnPartitionsTogether() {
        storesA.readingTogether(true);
        storesB.readingTogether(true);

        answersEveryQuestionCompletely();

        assertThat(storesA.togetherReads()).isPositive();
        assertThat(storesB.togetherReads()).isPositive();
    }

    private void answersEveryQuestionCompletely() {
        for (QueryService reader : List.of(readerOn(A), readerOn(B))) {
            assertThat(reader.answer(new WavesQuestion(), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new WavesQuestion(), ACTIVE, Audience.ANALYST));
            assertThat(reader.answer(new WaveTotalsQuestion(), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new WaveTotalsQuestion(), ACTIVE, Audience.ANALYST));
            for (SurveyFilter filter : FILTERS) {
                for (String wave : List.of(SurveyFixtures.WAVE_2024, SurveyFixtures.WAVE_2025, SurveyFixtures.WAVE_2026)) {
                    assertThat(reader.answer(new UsageQuestion(wave, filter), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new UsageQuestion(wave, filter), ACTIVE, Audience.ANALYST));
                    assertThat(reader.answer(new BarriersQuestion(wave, filter), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new BarriersQuestion(wave, filter), ACTIVE, Audience.ANALYST));
                    assertThat(reader.answer(new ToolsQuestion(wave, filter, null), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new ToolsQuestion(wave, filter, null), ACTIVE, Audience.ANALYST));
                }
                for (DayRange days : List.of(DayRange.ending(LocalDate.of(2025, 6, 2), 1), DayRange.ending(LocalDate.of(2026, 6, 30), 366))) {
                    assertThat(reader.answer(new RollingUsageQuestion(days, filter), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new RollingUsageQuestion(days, filter), ACTIVE, Audience.ANALYST));
                }
                for (String tool : List.of("chatgpt", "nabla", "outil-interne", "never-named")) {
                    assertThat(reader.answer(ToolTrendQuestion.of(tool, filter, ToolCatalogue.builtIn()), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(ToolTrendQuestion.of(tool, filter, ToolCatalogue.builtIn()), ACTIVE, Audience.ANALYST));
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

        assertThat(readerOn(B).answer(new UsageQuestion("2027-01", SurveyFilter.all().withPartner("nobody")), ACTIVE, Audience.ANALYST).value().usage().respondents()).isZero();
        assertThat(readerOn(B).answer(new UsageQuestion("1999-01", SurveyFilter.all()), ACTIVE, Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.UNKNOWN_WAVE));
    }

    @Test
    void aPartitionThatMovedIsAskedOfItsNewOwner() {
        storesB.moveActive(2, storesA);
        // The first placement still says B owns partition 2; the next one has caught up.
        upcomingActive.add(Map.of(0, A, 1, A, 2, B, 3, B));
        upcomingActive.add(Map.of(0, A, 1, A, 2, A, 3, B));

        QueryResult<?> usage = readerOn(A).answer(new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all()), ACTIVE, Audience.ANALYST);

        assertThat(usage).isEqualTo(REFERENCE.answer(new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all()), ACTIVE, Audience.ANALYST));
        assertThat(peerCalls.get(B).get()).isEqualTo(1);
    }

    @Test
    void anInstanceHoldingEveryPartitionReadsThemTogetherAndAsksTheNewOwnerOfOneThatMovedUnderIt() {
        storesB.moveActive(2, storesA);
        storesB.moveActive(3, storesA);
        active.replaceAll((p, h) -> A);
        storesA.readingTogether(true);
        UsageQuestion question = new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all());
        QueryResult<?> expected = REFERENCE.answer(question, ACTIVE, Audience.ANALYST);

        assertThat(readerOn(A).answer(question, ACTIVE, Audience.ANALYST)).isEqualTo(expected);
        assertThat(storesA.togetherReads()).isEqualTo(1);
        assertThat(peerCalls).isEmpty();

        // Partition 3 goes back to B while the metadata still says A holds everything: the read
        // together fails, and the partition is asked of its owner once the metadata has caught up.
        storesA.moveActive(3, storesB);
        upcomingActive.add(Map.of(0, A, 1, A, 2, A, 3, A));
        upcomingActive.add(Map.of(0, A, 1, A, 2, A, 3, B));

        assertThat(readerOn(A).answer(question, ACTIVE, Audience.ANALYST)).isEqualTo(expected);
        assertThat(peerCalls.get(B).get()).isEqualTo(1);
    }

    @Test
    void aPartitionThatMovedWhileMetadataLagsIsARetriableFailureNotAPartialAnswer() {
        storesB.failing(2, FailureReason.NOT_ACTIVE);

        QueryResult<?> usage = readerOn(A).answer(new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all()), ACTIVE, Audience.ANALYST);

        assertThat(usage).isInstanceOfSatisfying(QueryResult.Failure.class, f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.REBALANCING);
            assertThat(f.message()).contains("2: ");
        });
        assertThat(peerCalls.get(B).get()).as("B is not asked twice for the same partition").isEqualTo(1);
    }

    @Test
    void aRestoringActiveCopyIsNotReadyUnlessStaleReadsMayUseTheStandby() {
        storesB.failing(2, FailureReason.NOT_UP_TO_DATE);

        assertThat(readerOn(A).answer(new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all()), ACTIVE, Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.NOT_READY));
        assertThat(readerOn(A).answer(new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all()), ReadOptions.allowStale(), Audience.ANALYST))
                .isEqualTo(REFERENCE.answer(new UsageQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all()), ACTIVE, Audience.ANALYST));
    }

    @Test
    void aPartitionWithoutActiveOwnerIsRebalancingOrReadFromAStandby() {
        active.remove(3);

        assertThat(readerOn(B).answer(new WavesQuestion(), ACTIVE, Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.REBALANCING));
        assertThat(readerOn(B).answer(new WavesQuestion(), ReadOptions.allowStale(), Audience.ANALYST)).isEqualTo(REFERENCE.answer(new WavesQuestion(), ACTIVE, Audience.ANALYST));
    }

    @Test
    void anUnreachablePeerMakesThePeerUnavailable() {
        storesB.failing(2, FailureReason.UNREACHABLE);

        assertThat(readerOn(A).answer(new ToolsQuestion(SurveyFixtures.WAVE_2025, SurveyFilter.all(), null), ACTIVE, Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.PEER_UNAVAILABLE));
    }

    @Test
    void aPeerFailingOutrightCountsAsUnreachable() {
        PeerClient broken = new PeerClient() {
            @Override
            public <P extends Mergeable<P>> CompletableFuture<Map<Integer, QueryResult<P>>> read(
                    HostInfo peer, Question<P, ?> question, Set<Integer> partitions, ReadOptions options) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection reset"));
            }
        };
        QueryService reader = service(new RoutedPartialAnswers(
                () -> Optional.of(new PartitionPlacement(A, PARTITIONS, active, standbys)), storesA, broken));

        assertThat(reader.answer(new WavesQuestion(), ACTIVE, Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.PEER_UNAVAILABLE);
                    assertThat(f.message()).contains("connection reset");
                });
    }

    @Test
    void withoutMetadataTheStoresAreNotReady() {
        running = false;

        assertThat(readerOn(A).answer(new WavesQuestion(), ACTIVE, Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.NOT_READY));
    }

    @Test
    void localPartitionsAreReadWithoutTheNetwork() {
        storesB.moveActive(2, storesA);
        storesB.moveActive(3, storesA);
        active.replaceAll((p, h) -> A);

        assertThat(readerOn(A).answer(new WavesQuestion(), ACTIVE, Audience.ANALYST)).isEqualTo(REFERENCE.answer(new WavesQuestion(), ACTIVE, Audience.ANALYST));
        assertThat(peerCalls).isEmpty();
    }
}

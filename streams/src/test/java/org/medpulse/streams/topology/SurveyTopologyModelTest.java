package org.medpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.testing.ReferenceModel;
import org.medpulse.streams.testing.Responses;
import org.medpulse.streams.testing.TopologyFixture;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Model-based: random histories of submissions, corrections, redeliveries with other content,
 * out-of-order arrivals and catalogue changes, across waves and partners. After each history
 * every store equals what {@link ReferenceModel} computes from scratch.
 */
class SurveyTopologyModelTest {

    private static final Map<String, Instant> WAVE_STARTS = Map.of(
            "2023-06", Instant.parse("2023-06-01T00:00:00Z"),
            "2025-05", Instant.parse("2025-05-30T22:00:00Z"),
            "2025-06", Instant.parse("2025-06-01T00:00:00Z"));
    private static final List<String> TOOL_NAMES = List.of("ChatGPT", "chat gpt", "chatgpt-4o", "Nabla", "nabla",
            "Posos", "Outil interne", "Doc Bot", "MammoScreen", "!!!");

    /** One thing that happens on the input topics, applied to the topology and the model alike. */
    interface Step {
        void apply(Run run);
    }

    record Content(PracticeType practiceType, PracticeSetting setting, UsageFrequency frequency,
            List<UseCase> useCases, List<UseCase> expected, List<Barrier> barriers, List<ToolUsage> tools,
            List<MarketDriver> drivers) {
    }

    record Submit(String partner, String respondent, String wave, String responseId, int minute, Content content)
            implements Step {
        @Override
        public void apply(Run run) {
            SurveyResponse response = build(partner, respondent, wave, responseId,
                    WAVE_STARTS.get(wave).plusSeconds(60L * minute), content);
            run.sent.add(response);
            run.deliver(response);
        }
    }

    /** Sends again the {@code pick}-th submission so far (same id and time) with other content. */
    record Redeliver(int pick, Content content) implements Step {
        @Override
        public void apply(Run run) {
            if (run.sent.isEmpty()) {
                return;
            }
            SurveyResponse original = run.sent.get(pick % run.sent.size());
            run.deliver(build(original.getPartnerId(), original.getRespondentId(), original.getWaveId(),
                    original.getResponseId(), original.getSubmittedAt(), content));
        }
    }

    record PublishEntry(String id, List<String> aliases) implements Step {
        @Override
        public void apply(Run run) {
            ToolEntry entry = new ToolEntry(id, id.toUpperCase(Locale.ROOT), null, null, aliases, true);
            run.topology.publish(entry, run.tick());
            run.operatorEntries.put(id, entry);
            run.model.useCatalogue(ToolCatalogue.builtIn().withAll(run.operatorEntries.values()));
        }
    }

    record RemoveEntry(String id) implements Step {
        @Override
        public void apply(Run run) {
            run.topology.publishRaw(id, null, run.tick());
            run.operatorEntries.remove(id);
            run.model.useCatalogue(ToolCatalogue.builtIn().withAll(run.operatorEntries.values()));
        }
    }

    /** The topology and the model fed the same history. */
    static final class Run implements AutoCloseable {
        final TopologyFixture topology = new TopologyFixture();
        final ReferenceModel model = new ReferenceModel();
        final Map<String, ToolEntry> operatorEntries = new LinkedHashMap<>();
        final List<SurveyResponse> sent = new ArrayList<>();
        private Instant clock = Instant.parse("2025-06-10T00:00:00Z");

        // Record time is arrival time: a replayed old wave arrives long after stream time moved on.
        Instant tick() {
            clock = clock.plusSeconds(1);
            return clock;
        }

        void deliver(SurveyResponse response) {
            topology.send(Responses.keyOf(response), response, tick());
            model.accept(Responses.keyOf(response), response);
        }

        @Override
        public void close() {
            topology.close();
        }
    }

    @Property(tries = 30)
    void everyStoreEqualsTheReferenceModel(@ForAll("histories") List<Step> history) {
        try (Run run = new Run()) {
            history.forEach(step -> step.apply(run));
            assertThat(run.topology.stores()).isEqualTo(run.model.expected());
        }
    }

    private static SurveyResponse build(String partner, String respondent, String wave, String responseId,
            Instant submittedAt, Content content) {
        return SurveyResponse.newBuilder()
                .setPartnerId(partner).setRespondentId(respondent).setWaveId(wave).setResponseId(responseId)
                .setSubmittedAt(submittedAt)
                .setPracticeType(content.practiceType()).setSetting(content.setting())
                .setUsageFrequency(content.frequency())
                .setUseCases(content.useCases()).setExpectedFutureUseCases(content.expected())
                .setBarriers(content.barriers()).setTools(content.tools())
                .setMarketDrivers(content.drivers())
                .build();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(14, submits()),
                Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 1000), contents())
                        .as(Redeliver::new)),
                Tuple.of(1, Combinators.combine(Arbitraries.of("docbot", "outil-interne", "chatgpt"),
                        Arbitraries.of("outil interne", "doc bot", "nabla", "posos").list().uniqueElements()
                                .ofMaxSize(2))
                        .as(PublishEntry::new)),
                Tuple.of(1, Arbitraries.of("docbot", "outil-interne", "chatgpt").map(RemoveEntry::new)));
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    private Arbitrary<Step> submits() {
        // Few partners, respondents, ids and instants, so that corrections, ties and out-of-order
        // arrivals are frequent; minutes span several UTC days.
        return Combinators.combine(
                Arbitraries.of("p1", "p2", "p3"),
                Arbitraries.of("r1", "r2", "r3", "r4"),
                Arbitraries.of("2023-06", "2025-05", "2025-06"),
                Arbitraries.of("a", "b", "c", "d", "e"),
                Arbitraries.of(0, 1, 60, 119, 1440, 1500, 2880),
                contents())
                .as(Submit::new);
    }

    private Arbitrary<Content> contents() {
        Arbitrary<ToolUsage> tool = Combinators.combine(Arbitraries.of(TOOL_NAMES),
                Arbitraries.of(UsageFrequency.class).injectNull(0.3)).as(ToolUsage::new);
        return Combinators.combine(
                Arbitraries.of(PracticeType.class),
                Arbitraries.of(PracticeSetting.class),
                Arbitraries.of(UsageFrequency.class),
                Arbitraries.of(UseCase.class).list().ofMaxSize(3),
                Arbitraries.of(UseCase.class).list().ofMaxSize(2),
                Arbitraries.of(Barrier.class).list().ofMaxSize(3),
                tool.list().ofMaxSize(3),
                // v1 responses (not asked about drivers) and v2 ones, corrections crossing from one to the other.
                Arbitraries.of(MarketDriver.class).list().ofMaxSize(3).injectNull(0.4))
                .as(Content::new);
    }
}

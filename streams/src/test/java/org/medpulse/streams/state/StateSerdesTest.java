package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StateSerdesTest {

    @Property(tries = 200)
    void latestResponsesRoundTrip(@ForAll("latestResponses") LatestResponse response) {
        assertThat(roundTrip(StateSerdes.latestResponse(), response)).isEqualTo(response);
    }

    @Property(tries = 200)
    void aggregatesRoundTrip(@ForAll("latestResponses") LatestResponse a, @ForAll("latestResponses") LatestResponse b) {
        UsageCounts usage = UsageCounts.of(a).plus(UsageCounts.of(b));
        BarrierCounts barriers = BarrierCounts.of(a).plus(BarrierCounts.of(b));
        WaveSummary wave = WaveSummary.of(a.submittedAtMillis()).plus(WaveSummary.of(b.submittedAtMillis()));

        assertThat(roundTrip(StateSerdes.usageCounts(), usage)).isEqualTo(usage);
        assertThat(roundTrip(StateSerdes.barrierCounts(), barriers)).isEqualTo(barriers);
        assertThat(roundTrip(StateSerdes.waveSummary(), wave)).isEqualTo(wave);
        assertThat(roundTrip(StateSerdes.toolCounts(), new ToolCounts(300, 7))).isEqualTo(new ToolCounts(300, 7));
    }

    @Test
    void countsArithmeticIsExact() {
        LatestResponse daily = latest(UsageFrequency.DAILY, List.of(UseCase.DIAGNOSIS), List.of(Barrier.COST));
        LatestResponse never = latest(UsageFrequency.NEVER, List.of(), List.of(Barrier.COST, Barrier.OTHER));

        UsageCounts usage = UsageCounts.of(daily).plus(UsageCounts.of(never));
        assertThat(usage.respondents()).isEqualTo(2);
        assertThat(usage.users()).isEqualTo(1);
        assertThat(usage.regularUsers()).isEqualTo(1);
        assertThat(usage.frequencies()).hasSize(UsageFrequency.values().length).containsEntry(UsageFrequency.NEVER, 1L);
        assertThat(usage.minus(UsageCounts.of(daily)).minus(UsageCounts.of(never)).isEmpty()).isTrue();
        assertThat(BarrierCounts.of(daily).plus(BarrierCounts.of(never)).barrier(Barrier.COST)).isEqualTo(2);
    }

    @Test
    void unknownFormatsAreRefusedNotMisread() {
        assertThatThrownBy(() -> StateSerdes.usageCounts().deserializer().deserialize("t", new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> StateSerdes.waveSummary().deserializer().deserialize("t", new byte[] {1, 1, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Truncated");
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    private static LatestResponse latest(UsageFrequency frequency, List<UseCase> useCases, List<Barrier> barriers) {
        return LatestResponse.of("id", 0L, PracticeType.SPECIALIST, PracticeSetting.HOSPITAL, frequency, useCases,
                List.of(), barriers, List.of());
    }

    @Provide
    Arbitrary<LatestResponse> latestResponses() {
        Arbitrary<ToolUse> tool = Combinators.combine(Arbitraries.strings().ofMinLength(1).ofMaxLength(20),
                Arbitraries.of(true, false)).as(ToolUse::new);
        return Combinators.combine(
                Combinators.combine(Arbitraries.strings().ofMaxLength(40),
                        Arbitraries.longs().between(0, 253402300799999L),
                        Arbitraries.of(PracticeType.class), Arbitraries.of(PracticeSetting.class),
                        Arbitraries.of(UsageFrequency.class)).as(List::<Object>of),
                Arbitraries.of(UseCase.class).list().ofMaxSize(12),
                Arbitraries.of(UseCase.class).list().ofMaxSize(12),
                Arbitraries.of(Barrier.class).list().ofMaxSize(10),
                tool.list().ofMaxSize(5))
                .as((head, useCases, expected, barriers, tools) -> LatestResponse.of((String) head.get(0),
                        (Long) head.get(1), (PracticeType) head.get(2), (PracticeSetting) head.get(3),
                        (UsageFrequency) head.get(4), useCases, expected, barriers, tools));
    }
}

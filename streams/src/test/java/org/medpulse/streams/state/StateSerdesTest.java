package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
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
        DriverCounts drivers = (a.driversAsked() ? DriverCounts.of(a) : DriverCounts.EMPTY)
                .plus(b.driversAsked() ? DriverCounts.of(b) : DriverCounts.EMPTY);
        WaveSummary wave = WaveSummary.of(a.recordKey(), a.submittedAtMillis()).plus(WaveSummary.of(b.recordKey(), b.submittedAtMillis()));
        ToolCounts tools = ToolCounts.of(new ToolUse("t", true), a.recordKey()).plus(ToolCounts.of(new ToolUse("t", false), b.recordKey()));

        assertThat(roundTrip(StateSerdes.usageCounts(), usage)).isEqualTo(usage);
        assertThat(roundTrip(StateSerdes.barrierCounts(), barriers)).isEqualTo(barriers);
        assertThat(roundTrip(StateSerdes.driverCounts(), drivers)).isEqualTo(drivers);
        assertThat(roundTrip(StateSerdes.waveSummary(), wave)).isEqualTo(wave);
        assertThat(roundTrip(StateSerdes.toolCounts(), tools)).isEqualTo(tools);
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
    void keySumsAddAndRetractWithTheirCountsModulo2To32() {
        LatestResponse first = latest(UsageFrequency.DAILY, List.of(UseCase.DIAGNOSIS), List.of(Barrier.COST), 0x7fff_ffff);
        LatestResponse second = latest(UsageFrequency.NEVER, List.of(UseCase.DIAGNOSIS), List.of(Barrier.COST), 5);

        UsageCounts both = UsageCounts.of(first).plus(UsageCounts.of(second));
        assertThat(both.respondentCount()).isEqualTo(new Count(2, 0x7fff_ffff + 5));
        assertThat(both.useCaseCount(UseCase.DIAGNOSIS)).isEqualTo(new Count(2, 0x7fff_ffff + 5));
        assertThat(both.usersCount()).as("users: everyone but NEVER").isEqualTo(new Count(1, 0x7fff_ffff));
        assertThat(both.regularUsersCount()).isEqualTo(new Count(1, 0x7fff_ffff));
        assertThat(both.minus(UsageCounts.of(first))).isEqualTo(UsageCounts.of(second));
        assertThat(BarrierCounts.of(first).plus(BarrierCounts.of(second)).minus(BarrierCounts.of(second)))
                .isEqualTo(BarrierCounts.of(first));
    }

    @Test
    void valuesStoredBeforeRecordKeysReadWithZeroKeySums() {
        // Format 1, as written before key sums: respondents 2, then the counts of each symbol list.
        byte[] usage = new byte[2 + 1 + UsageFrequency.values().length + 2 * (1 + UseCase.values().length)];
        usage[0] = 1;
        usage[1] = 2;
        usage[2] = (byte) UsageFrequency.values().length;
        usage[3 + UsageFrequency.NEVER.ordinal()] = 2;
        usage[3 + UsageFrequency.values().length] = (byte) UseCase.values().length;
        usage[4 + UsageFrequency.values().length + UseCase.values().length] = (byte) UseCase.values().length;
        UsageCounts read = StateSerdes.usageCounts().deserializer().deserialize("t", usage);
        assertThat(read.respondentCount()).isEqualTo(new Count(2, 0));
        assertThat(read.frequencyCount(UsageFrequency.NEVER)).isEqualTo(new Count(2, 0));

        byte[] tools = {1, 3, 1};
        assertThat(StateSerdes.toolCounts().deserializer().deserialize("t", tools))
                .isEqualTo(new ToolCounts(new Count(3, 0), new Count(1, 0)));
    }

    /**
     * {@code responses-latest} as the build before schema v2 wrote it (format 2: no market drivers),
     * in the state directories and changelogs an upgraded application starts from: it reads as not
     * asked, every other field as written, and is written back in the current format.
     */
    @Test
    void latestResponsesStoredBeforeMarketDriversReadAsNotAsked() {
        // LatestResponse.toBytes() of the build before v2 (86bf90d), field by field.
        byte[] format2 = new CompactWriter(64)
                .writeByte(2)
                .writeString("resp-1")
                .writeLong(1_750_000_000_000L)
                .writeByte(PracticeType.SPECIALIST.ordinal())
                .writeByte(PracticeSetting.HOSPITAL.ordinal())
                .writeByte(UsageFrequency.DAILY.ordinal())
                .writeVarInt(1 << UseCase.DIAGNOSIS.ordinal() | 1 << UseCase.OTHER.ordinal())
                .writeVarInt(1 << UseCase.CARE_ADAPTATION.ordinal())
                .writeVarInt(1 << Barrier.COST.ordinal())
                .writeVarInt(2)
                .writeString("chatgpt").writeByte(1)
                .writeString("nabla").writeByte(0)
                .writeInt(-123_456_789)
                .toByteArray();
        assertThat(HexFormat.of().formatHex(format2)).as("the layout, pinned")
                .isEqualTo("0206726573702d31000001977420dc000100058810200802076368617467707401056e61626c6100f8a432eb");

        LatestResponse read = StateSerdes.latestResponse().deserializer().deserialize("t", format2);

        assertThat(read).isEqualTo(LatestResponse.of("resp-1", 1_750_000_000_000L, PracticeType.SPECIALIST,
                PracticeSetting.HOSPITAL, UsageFrequency.DAILY, List.of(UseCase.DIAGNOSIS, UseCase.OTHER),
                List.of(UseCase.CARE_ADAPTATION), List.of(Barrier.COST),
                List.of(new ToolUse("chatgpt", true), new ToolUse("nabla", false)), null, -123_456_789));
        assertThat(read.driversAsked()).isFalse();
        assertThat(Contribution.of("2025-06", "acme", read)).as("contributes nothing to drivers-by-wave")
                .extracting(contribution -> contribution.store().name())
                .doesNotContain(SurveyStores.DRIVERS_BY_WAVE.name()).hasSize(5);
        byte[] rewritten = StateSerdes.latestResponse().serializer().serialize("t", read);
        assertThat(rewritten[0]).as("written back in the current format").isEqualTo((byte) 3);
        assertThat(roundTrip(StateSerdes.latestResponse(), read)).isEqualTo(read);
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
        return latest(frequency, useCases, barriers, 42);
    }

    private static LatestResponse latest(UsageFrequency frequency, List<UseCase> useCases, List<Barrier> barriers,
                                         int recordKey) {
        return LatestResponse.of("id", 0L, PracticeType.SPECIALIST, PracticeSetting.HOSPITAL, frequency, useCases,
                List.of(), barriers, List.of(), List.of(MarketDriver.PATIENT_DEMAND), recordKey);
    }

    @Provide
    Arbitrary<LatestResponse> latestResponses() {
        Arbitrary<ToolUse> tool = Combinators.combine(Arbitraries.strings().ofMinLength(1).ofMaxLength(20),
                Arbitraries.of(true, false)).as(ToolUse::new);
        return Combinators.combine(
                Combinators.combine(Arbitraries.strings().ofMaxLength(40),
                        Arbitraries.longs().between(0, 253402300799999L),
                        Arbitraries.of(PracticeType.class), Arbitraries.of(PracticeSetting.class),
                        Arbitraries.of(UsageFrequency.class), Arbitraries.integers()).as(List::<Object>of),
                Arbitraries.of(UseCase.class).list().ofMaxSize(12),
                Arbitraries.of(UseCase.class).list().ofMaxSize(12),
                Arbitraries.of(Barrier.class).list().ofMaxSize(10),
                tool.list().ofMaxSize(5),
                Arbitraries.of(MarketDriver.class).list().ofMaxSize(9).injectNull(0.3))
                .as((head, useCases, expected, barriers, tools, drivers) -> LatestResponse.of((String) head.get(0),
                        (Long) head.get(1), (PracticeType) head.get(2), (PracticeSetting) head.get(3),
                        (UsageFrequency) head.get(4), useCases, expected, barriers, tools, drivers, (Integer) head.get(5)));
    }
}

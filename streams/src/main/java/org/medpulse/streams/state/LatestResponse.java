package org.medpulse.streams.state;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/**
 * Value of {@code responses-latest}: what a respondent's latest response in a wave contributes to
 * the aggregates (partner, respondent and wave are in the {@link LatestKey}). Sets make a value
 * repeated within one response count once; tools are resolved and sorted by id. The record key is
 * the respondent-wave's (see {@code RecordKeys}): kept here so that a correction retracts exactly
 * the key sums it added. Market drivers are {@code null} when the response was not asked about them
 * (a v1 record, or a partner file without the column), empty when it named none.
 */
public record LatestResponse(String responseId, long submittedAtMillis, PracticeType practiceType,
        PracticeSetting setting, UsageFrequency usageFrequency, Set<UseCase> useCases,
        Set<UseCase> expectedFutureUseCases, Set<Barrier> barriers, List<ToolUse> tools, Set<MarketDriver> marketDrivers,
        int recordKey) {

    // Format 1 had no record key (it reads as 0, and so retracts nothing from the key sums it never added);
    // format 2 had no market drivers (it reads as not asked, as its responses were).
    private static final int FORMAT_WITHOUT_KEY = 1;
    private static final int FORMAT_WITHOUT_DRIVERS = 2;
    private static final int FORMAT = 3;
    private static final PracticeType[] PRACTICE_TYPES = PracticeType.values();
    private static final PracticeSetting[] SETTINGS = PracticeSetting.values();
    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final UseCase[] USE_CASES = UseCase.values();
    private static final Barrier[] BARRIERS = Barrier.values();
    private static final MarketDriver[] DRIVERS = MarketDriver.values();

    public LatestResponse {
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(practiceType, "practiceType");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(usageFrequency, "usageFrequency");
        useCases = immutableEnumSet(useCases, UseCase.class);
        expectedFutureUseCases = immutableEnumSet(expectedFutureUseCases, UseCase.class);
        barriers = immutableEnumSet(barriers, Barrier.class);
        tools = List.copyOf(tools);
        marketDrivers = marketDrivers == null ? null : immutableEnumSet(marketDrivers, MarketDriver.class);
    }

    /** From a response's lists; duplicates within a list collapse. */
    public static LatestResponse of(String responseId, long submittedAtMillis, PracticeType practiceType,
            PracticeSetting setting, UsageFrequency usageFrequency, Collection<UseCase> useCases,
            Collection<UseCase> expectedFutureUseCases, Collection<Barrier> barriers, List<ToolUse> tools,
            Collection<MarketDriver> marketDrivers, int recordKey) {
        // Mutable sets: the canonical constructor makes its own immutable copies.
        return new LatestResponse(responseId, submittedAtMillis, practiceType, setting, usageFrequency,
                enumSet(useCases, UseCase.class), enumSet(expectedFutureUseCases, UseCase.class),
                enumSet(barriers, Barrier.class), tools,
                marketDrivers == null ? null : enumSet(marketDrivers, MarketDriver.class), recordKey);
    }

    /** Whether the response was asked which market drivers push its adoption. */
    public boolean driversAsked() {
        return marketDrivers != null;
    }

    public Instant submittedAt() {
        return Instant.ofEpochMilli(submittedAtMillis);
    }

    /** The UTC day of {@code submittedAt}: the day {@code usage-by-day} counts this response on. */
    public LocalDate day() {
        return LocalDate.ofEpochDay(Math.floorDiv(submittedAtMillis, 86_400_000L));
    }

    public Cell cell(String partner) {
        return new Cell(partner, practiceType, setting);
    }

    /**
     * Whether a submission replaces this one as the respondent's latest in the wave: a later
     * {@code submittedAt}, or the same one with a larger {@code responseId}. A redelivery (same
     * id, same time) does not, whatever its content.
     */
    public boolean isSupersededBy(long otherSubmittedAtMillis, String otherResponseId) {
        if (otherSubmittedAtMillis != submittedAtMillis) {
            return otherSubmittedAtMillis > submittedAtMillis;
        }
        return otherResponseId.compareTo(responseId) > 0;
    }

    byte[] toBytes() {
        CompactWriter out = new CompactWriter(68 + 16 * tools.size())
                .writeByte(FORMAT)
                .writeString(responseId)
                .writeLong(submittedAtMillis)
                .writeByte(practiceType.ordinal())
                .writeByte(setting.ordinal())
                .writeByte(usageFrequency.ordinal())
                .writeVarInt(bits(useCases))
                .writeVarInt(bits(expectedFutureUseCases))
                .writeVarInt(bits(barriers))
                .writeVarInt(tools.size());
        for (ToolUse tool : tools) {
            out.writeString(tool.tool()).writeByte(tool.regular() ? 1 : 0);
        }
        out.writeInt(recordKey).writeByte(marketDrivers == null ? 0 : 1);
        if (marketDrivers != null) {
            out.writeVarInt(bits(marketDrivers));
        }
        return out.toByteArray();
    }

    static LatestResponse fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        int format = in.readFormat("latest response", FORMAT_WITHOUT_KEY, FORMAT_WITHOUT_DRIVERS, FORMAT);
        String responseId = in.readString();
        long submittedAt = in.readLong();
        PracticeType practiceType = PRACTICE_TYPES[in.readByte()];
        PracticeSetting setting = SETTINGS[in.readByte()];
        UsageFrequency frequency = FREQUENCIES[in.readByte()];
        Set<UseCase> useCases = fromBits(in.readVarInt(), USE_CASES, UseCase.class);
        Set<UseCase> expected = fromBits(in.readVarInt(), USE_CASES, UseCase.class);
        Set<Barrier> barriers = fromBits(in.readVarInt(), BARRIERS, Barrier.class);
        int toolCount = in.readVarInt();
        List<ToolUse> tools = new ArrayList<>(toolCount);
        for (int i = 0; i < toolCount; i++) {
            tools.add(new ToolUse(in.readString(), in.readByte() == 1));
        }
        int recordKey = format == FORMAT_WITHOUT_KEY ? 0 : in.readInt();
        Set<MarketDriver> drivers = format == FORMAT && in.readByte() == 1 ? fromBits(in.readVarInt(), DRIVERS, MarketDriver.class) : null;
        return new LatestResponse(responseId, submittedAt, practiceType, setting, frequency, useCases, expected,
                barriers, tools, drivers, recordKey);
    }

    private static <E extends Enum<E>> Set<E> immutableEnumSet(Collection<E> values, Class<E> type) {
        return Collections.unmodifiableSet(enumSet(values, type));
    }

    private static <E extends Enum<E>> EnumSet<E> enumSet(Collection<E> values, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        if (values != null) {
            for (E value : values) {
                set.add(value);
            }
        }
        return set;
    }

    private static int bits(Set<? extends Enum<?>> values) {
        int bits = 0;
        for (Enum<?> value : values) {
            bits |= 1 << value.ordinal();
        }
        return bits;
    }

    private static <E extends Enum<E>> Set<E> fromBits(int bits, E[] symbols, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E symbol : symbols) {
            if ((bits & (1 << symbol.ordinal())) != 0) {
                set.add(symbol);
            }
        }
        return set;
    }
}

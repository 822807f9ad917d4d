package org.medpulse.streams.state;

import java.util.Arrays;
import java.util.Map;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.vocabulary.Vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Value of {@code usage-by-wave} and {@code usage-by-day}, and the usage part of answers: over
 * some latest responses (a cell's, a day's, or every partition's cells a question keeps), the
 * respondents, the count per usage frequency, per use case and per expected future use case.
 * Immutable; {@link #plus} merges the counts of disjoint respondents (other cells, other
 * partitions).
 */
public final class UsageCounts implements Counts<UsageCounts> {

    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final UseCase[] USE_CASES = UseCase.values();
    private static final int FORMAT = 1;

    public static final UsageCounts EMPTY = new UsageCounts(0, new long[FREQUENCIES.length],
            new long[USE_CASES.length], new long[USE_CASES.length]);

    private final long respondents;
    private final long[] frequencies;
    private final long[] useCases;
    private final long[] expectedFutureUseCases;

    private UsageCounts(long respondents, long[] frequencies, long[] useCases, long[] expectedFutureUseCases) {
        this.respondents = respondents;
        this.frequencies = frequencies;
        this.useCases = useCases;
        this.expectedFutureUseCases = expectedFutureUseCases;
    }

    /** One response's contribution. */
    public static UsageCounts of(LatestResponse response) {
        long[] frequencies = new long[FREQUENCIES.length];
        frequencies[response.usageFrequency().ordinal()] = 1;
        long[] useCases = new long[USE_CASES.length];
        response.useCases().forEach(u -> useCases[u.ordinal()] = 1);
        long[] expected = new long[USE_CASES.length];
        response.expectedFutureUseCases().forEach(u -> expected[u.ordinal()] = 1);
        return new UsageCounts(1, frequencies, useCases, expected);
    }

    @JsonCreator
    static UsageCounts fromJson(@JsonProperty("respondents") long respondents,
                                @JsonProperty("frequencies") Map<String, Long> frequencies,
                                @JsonProperty("useCases") Map<String, Long> useCases,
                                @JsonProperty("expectedFutureUseCases") Map<String, Long> expected) {
        return new UsageCounts(respondents,
                SymbolCounts.fromNames(frequencies, UsageFrequency::valueOf, FREQUENCIES.length),
                SymbolCounts.fromNames(useCases, UseCase::valueOf, USE_CASES.length),
                SymbolCounts.fromNames(expected, UseCase::valueOf, USE_CASES.length));
    }

    @Override
    public UsageCounts plus(UsageCounts other) {
        return combine(other, 1);
    }

    @Override
    public UsageCounts minus(UsageCounts other) {
        return combine(other, -1);
    }

    private UsageCounts combine(UsageCounts other, int sign) {
        return new UsageCounts(respondents + sign * other.respondents,
                SymbolCounts.add(frequencies, other.frequencies, sign),
                SymbolCounts.add(useCases, other.useCases, sign),
                SymbolCounts.add(expectedFutureUseCases, other.expectedFutureUseCases, sign));
    }

    @JsonProperty("respondents")
    public long respondents() {
        return respondents;
    }

    public long frequency(UsageFrequency frequency) {
        return frequencies[frequency.ordinal()];
    }

    public long useCase(UseCase useCase) {
        return useCases[useCase.ordinal()];
    }

    public long expectedFutureUseCase(UseCase useCase) {
        return expectedFutureUseCases[useCase.ordinal()];
    }

    /** Respondents whose usage frequency is anything but {@code NEVER}. */
    public long users() {
        return respondents - frequency(UsageFrequency.NEVER);
    }

    /** Respondents who use AI several times a week or more. */
    public long regularUsers() {
        long regular = 0;
        for (UsageFrequency frequency : FREQUENCIES) {
            if (Vocabulary.isRegularUse(frequency)) {
                regular += frequencies[frequency.ordinal()];
            }
        }
        return regular;
    }

    /** Every frequency symbol, zeros included. */
    public Map<UsageFrequency, Long> frequencies() {
        return SymbolCounts.bySymbol(FREQUENCIES, frequencies, UsageFrequency.class);
    }

    /** Every use case symbol, zeros included. */
    public Map<UseCase, Long> useCases() {
        return SymbolCounts.bySymbol(USE_CASES, useCases, UseCase.class);
    }

    /** Every use case symbol, zeros included. */
    public Map<UseCase, Long> expectedFutureUseCases() {
        return SymbolCounts.bySymbol(USE_CASES, expectedFutureUseCases, UseCase.class);
    }

    // The counts as they travel between instances: the non-zero ones, by symbol name.
    @JsonProperty("frequencies")
    private Map<String, Long> frequenciesByName() {
        return SymbolCounts.byName(FREQUENCIES, frequencies);
    }

    @JsonProperty("useCases")
    private Map<String, Long> useCasesByName() {
        return SymbolCounts.byName(USE_CASES, useCases);
    }

    @JsonProperty("expectedFutureUseCases")
    private Map<String, Long> expectedFutureUseCasesByName() {
        return SymbolCounts.byName(USE_CASES, expectedFutureUseCases);
    }

    @Override
    public boolean isEmpty() {
        return respondents == 0 && SymbolCounts.allZero(frequencies) && SymbolCounts.allZero(useCases)
                && SymbolCounts.allZero(expectedFutureUseCases);
    }

    byte[] toBytes() {
        return new CompactWriter(4 + frequencies.length + 2 * useCases.length)
                .writeByte(FORMAT)
                .writeVarLong(respondents)
                .writeCounts(frequencies)
                .writeCounts(useCases)
                .writeCounts(expectedFutureUseCases)
                .toByteArray();
    }

    static UsageCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "usage counts");
        return new UsageCounts(in.readVarLong(), in.readCounts(FREQUENCIES.length), in.readCounts(USE_CASES.length),
                in.readCounts(USE_CASES.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageCounts other && respondents == other.respondents
                && Arrays.equals(frequencies, other.frequencies) && Arrays.equals(useCases, other.useCases)
                && Arrays.equals(expectedFutureUseCases, other.expectedFutureUseCases);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Long.hashCode(respondents) + Arrays.hashCode(frequencies)) + Arrays.hashCode(useCases))
                + Arrays.hashCode(expectedFutureUseCases);
    }

    @Override
    public String toString() {
        return "UsageCounts{respondents=" + respondents + ", frequencies=" + frequenciesByName()
                + ", useCases=" + useCasesByName() + ", expectedFutureUseCases=" + expectedFutureUseCasesByName() + "}";
    }
}

package org.medpulse.streams.state;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.vocabulary.Vocabulary;

/**
 * Value of {@code usage-by-wave} and {@code usage-by-day}: over the latest responses of a cell
 * (of a day), the respondents, the count per usage frequency, per use case and per expected
 * future use case. Immutable; {@link #plus} merges the partial counts that different partitions
 * hold for the same key.
 */
public final class UsageCounts {

    public static final UsageCounts EMPTY = new UsageCounts(0, new int[UsageFrequency.values().length],
            new int[UseCase.values().length], new int[UseCase.values().length]);

    private static final int FORMAT = 1;
    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final UseCase[] USE_CASES = UseCase.values();

    private final int respondents;
    private final int[] frequencies;
    private final int[] useCases;
    private final int[] expectedFutureUseCases;

    private UsageCounts(int respondents, int[] frequencies, int[] useCases, int[] expectedFutureUseCases) {
        this.respondents = respondents;
        this.frequencies = frequencies;
        this.useCases = useCases;
        this.expectedFutureUseCases = expectedFutureUseCases;
    }

    /** One response's contribution. */
    public static UsageCounts of(LatestResponse response) {
        int[] frequencies = new int[FREQUENCIES.length];
        frequencies[response.usageFrequency().ordinal()] = 1;
        int[] useCases = new int[USE_CASES.length];
        response.useCases().forEach(u -> useCases[u.ordinal()] = 1);
        int[] expected = new int[USE_CASES.length];
        response.expectedFutureUseCases().forEach(u -> expected[u.ordinal()] = 1);
        return new UsageCounts(1, frequencies, useCases, expected);
    }

    public UsageCounts plus(UsageCounts other) {
        return combine(other, 1);
    }

    public UsageCounts minus(UsageCounts other) {
        return combine(other, -1);
    }

    private UsageCounts combine(UsageCounts other, int sign) {
        return new UsageCounts(respondents + sign * other.respondents,
                add(frequencies, other.frequencies, sign),
                add(useCases, other.useCases, sign),
                add(expectedFutureUseCases, other.expectedFutureUseCases, sign));
    }

    static int[] add(int[] left, int[] right, int sign) {
        int[] sum = left.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += sign * right[i];
        }
        return sum;
    }

    public int respondents() {
        return respondents;
    }

    public int frequency(UsageFrequency frequency) {
        return frequencies[frequency.ordinal()];
    }

    public int useCase(UseCase useCase) {
        return useCases[useCase.ordinal()];
    }

    public int expectedFutureUseCase(UseCase useCase) {
        return expectedFutureUseCases[useCase.ordinal()];
    }

    /** Respondents whose usage frequency is anything but {@code NEVER}. */
    public int users() {
        return respondents - frequency(UsageFrequency.NEVER);
    }

    /** Respondents who use AI several times a week or more. */
    public int regularUsers() {
        int regular = 0;
        for (UsageFrequency frequency : FREQUENCIES) {
            if (Vocabulary.isRegularUse(frequency)) {
                regular += frequencies[frequency.ordinal()];
            }
        }
        return regular;
    }

    /** Every frequency symbol, zeros included. */
    public Map<UsageFrequency, Integer> frequencies() {
        return asMap(frequencies, FREQUENCIES, UsageFrequency.class);
    }

    /** Every use case symbol, zeros included. */
    public Map<UseCase, Integer> useCases() {
        return asMap(useCases, USE_CASES, UseCase.class);
    }

    /** Every use case symbol, zeros included. */
    public Map<UseCase, Integer> expectedFutureUseCases() {
        return asMap(expectedFutureUseCases, USE_CASES, UseCase.class);
    }

    static <E extends Enum<E>> Map<E, Integer> asMap(int[] counts, E[] symbols, Class<E> type) {
        Map<E, Integer> map = new EnumMap<>(type);
        for (E symbol : symbols) {
            map.put(symbol, counts[symbol.ordinal()]);
        }
        return map;
    }

    /** No respondent left: the store deletes the key rather than keep zeros. */
    public boolean isEmpty() {
        return respondents == 0 && allZero(frequencies) && allZero(useCases) && allZero(expectedFutureUseCases);
    }

    static boolean allZero(int[] counts) {
        for (int count : counts) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    byte[] toBytes() {
        return new CompactWriter(4 + frequencies.length + 2 * useCases.length)
                .writeByte(FORMAT)
                .writeVarInt(respondents)
                .writeCounts(frequencies)
                .writeCounts(useCases)
                .writeCounts(expectedFutureUseCases)
                .toByteArray();
    }

    static UsageCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "usage counts");
        return new UsageCounts(in.readVarInt(), in.readCounts(FREQUENCIES.length), in.readCounts(USE_CASES.length),
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
        return 31 * (31 * (31 * respondents + Arrays.hashCode(frequencies)) + Arrays.hashCode(useCases))
                + Arrays.hashCode(expectedFutureUseCases);
    }

    @Override
    public String toString() {
        return "UsageCounts{respondents=" + respondents + ", frequencies=" + nonZero(frequencies())
                + ", useCases=" + nonZero(useCases()) + ", expectedFutureUseCases=" + nonZero(expectedFutureUseCases())
                + "}";
    }

    static <E extends Enum<E>> Map<E, Integer> nonZero(Map<E, Integer> counts) {
        counts.values().removeIf(c -> c == 0);
        return counts;
    }
}

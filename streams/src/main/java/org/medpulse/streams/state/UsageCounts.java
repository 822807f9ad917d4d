package org.medpulse.streams.state;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.vocabulary.Vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Value of {@code usage-by-wave} and {@code usage-by-day}, and the usage part of answers: over
 * some latest responses (a cell's, a day's, or every partition's cells a question keeps), the
 * respondents, the count per usage frequency, per use case and per expected future use case, each
 * with its respondents' key sum ({@link Count}). Immutable; {@link #plus} merges the counts of
 * disjoint respondents (other cells, other partitions).
 */
public final class UsageCounts implements Counts<UsageCounts> {

    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final UseCase[] USE_CASES = UseCase.values();
    private static final int FREQUENCY = 1;
    private static final int USE_CASE = FREQUENCY + FREQUENCIES.length;
    private static final int EXPECTED = USE_CASE + USE_CASES.length;
    private static final int SIZE = EXPECTED + USE_CASES.length;
    // Format 1 had no key sums; 2 writes them after the counts.
    private static final int FORMAT_WITHOUT_KEYS = 1;
    private static final int FORMAT = 2;

    public static final UsageCounts EMPTY = new UsageCounts(Tallies.zeros(SIZE));

    private final Tallies tallies;

    private UsageCounts(Tallies tallies) {
        this.tallies = tallies;
    }

    /** One response's contribution, counted under its record key. */
    public static UsageCounts of(LatestResponse response) {
        int[] positions = new int[1 + 1 + response.useCases().size() + response.expectedFutureUseCases().size()];
        int next = 0;
        positions[next++] = 0;
        positions[next++] = FREQUENCY + response.usageFrequency().ordinal();
        for (UseCase useCase : response.useCases()) {
            positions[next++] = USE_CASE + useCase.ordinal();
        }
        for (UseCase useCase : response.expectedFutureUseCases()) {
            positions[next++] = EXPECTED + useCase.ordinal();
        }
        return new UsageCounts(Tallies.one(SIZE, response.recordKey(), positions));
    }

    @Override
    public UsageCounts plus(UsageCounts other) {
        return new UsageCounts(tallies.combine(other.tallies, 1));
    }

    @Override
    public UsageCounts minus(UsageCounts other) {
        return new UsageCounts(tallies.combine(other.tallies, -1));
    }

    public long respondents() {
        return tallies.n(0);
    }

    public Count respondentCount() {
        return tallies.count(0);
    }

    public long frequency(UsageFrequency frequency) {
        return tallies.n(FREQUENCY + frequency.ordinal());
    }

    public Count frequencyCount(UsageFrequency frequency) {
        return tallies.count(FREQUENCY + frequency.ordinal());
    }

    public long useCase(UseCase useCase) {
        return tallies.n(USE_CASE + useCase.ordinal());
    }

    public Count useCaseCount(UseCase useCase) {
        return tallies.count(USE_CASE + useCase.ordinal());
    }

    public long expectedFutureUseCase(UseCase useCase) {
        return tallies.n(EXPECTED + useCase.ordinal());
    }

    public Count expectedFutureUseCaseCount(UseCase useCase) {
        return tallies.count(EXPECTED + useCase.ordinal());
    }

    /** Respondents whose usage frequency is anything but {@code NEVER}. */
    public long users() {
        return usersCount().n();
    }

    /** Respondents whose usage frequency is anything but {@code NEVER}, with their key sum. */
    public Count usersCount() {
        return respondentCount().minus(frequencyCount(UsageFrequency.NEVER));
    }

    /** Respondents who use AI several times a week or more. */
    public long regularUsers() {
        return regularUsersCount().n();
    }

    /** Respondents who use AI several times a week or more, with their key sum. */
    public Count regularUsersCount() {
        Count regular = Count.ZERO;
        for (UsageFrequency frequency : FREQUENCIES) {
            if (Vocabulary.isRegularUse(frequency)) {
                regular = regular.plus(frequencyCount(frequency));
            }
        }
        return regular;
    }

    /** Every frequency symbol, zeros included. */
    public Map<UsageFrequency, Long> frequencies() {
        Map<UsageFrequency, Long> all = new EnumMap<>(UsageFrequency.class);
        for (UsageFrequency frequency : FREQUENCIES) {
            all.put(frequency, frequency(frequency));
        }
        return all;
    }

    /** Every use case symbol, zeros included. */
    public Map<UseCase, Long> useCases() {
        Map<UseCase, Long> all = new EnumMap<>(UseCase.class);
        for (UseCase useCase : USE_CASES) {
            all.put(useCase, useCase(useCase));
        }
        return all;
    }

    /** Every use case symbol, zeros included. */
    public Map<UseCase, Long> expectedFutureUseCases() {
        Map<UseCase, Long> all = new EnumMap<>(UseCase.class);
        for (UseCase useCase : USE_CASES) {
            all.put(useCase, expectedFutureUseCase(useCase));
        }
        return all;
    }

    @Override
    public boolean isEmpty() {
        return tallies.isEmpty();
    }

    byte[] toBytes() {
        CompactWriter out = new CompactWriter(8 + 6 * SIZE).writeByte(FORMAT);
        tallies.write(out);
        return out.toByteArray();
    }

    static UsageCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        int format = in.readFormat("usage counts", FORMAT_WITHOUT_KEYS, FORMAT);
        if (format == FORMAT) {
            return new UsageCounts(Tallies.read(in, SIZE, true));
        }
        // Format 1: respondents, then frequencies, use cases and expected use cases each with their length.
        long[] counts = new long[SIZE];
        counts[0] = in.readVarLong();
        System.arraycopy(in.readCounts(FREQUENCIES.length), 0, counts, FREQUENCY, FREQUENCIES.length);
        System.arraycopy(in.readCounts(USE_CASES.length), 0, counts, USE_CASE, USE_CASES.length);
        System.arraycopy(in.readCounts(USE_CASES.length), 0, counts, EXPECTED, USE_CASES.length);
        return new UsageCounts(Tallies.withoutKeys(counts));
    }

    // How the counts travel between instances: [count, key sum] pairs by symbol name, zeros left out.
    @JsonCreator
    static UsageCounts fromJson(@JsonProperty("respondents") List<Long> respondents,
                                @JsonProperty("frequencies") Map<String, List<Long>> frequencies,
                                @JsonProperty("useCases") Map<String, List<Long>> useCases,
                                @JsonProperty("expectedFutureUseCases") Map<String, List<Long>> expected) {
        Tallies.Builder tallies = Tallies.builder(SIZE).set(0, respondents);
        Tallies.named(frequencies).forEach((name, pair) -> tallies.set(FREQUENCY + UsageFrequency.valueOf(name).ordinal(), pair));
        Tallies.named(useCases).forEach((name, pair) -> tallies.set(USE_CASE + UseCase.valueOf(name).ordinal(), pair));
        Tallies.named(expected).forEach((name, pair) -> tallies.set(EXPECTED + UseCase.valueOf(name).ordinal(), pair));
        return new UsageCounts(tallies.build());
    }

    @JsonProperty("respondents")
    private List<Long> respondentsJson() {
        return Tallies.pair(respondentCount());
    }

    @JsonProperty("frequencies")
    private Map<String, List<Long>> frequenciesJson() {
        Map<String, List<Long>> named = new LinkedHashMap<>();
        for (UsageFrequency frequency : FREQUENCIES) {
            Tallies.putIfCounted(named, frequency.name(), frequencyCount(frequency));
        }
        return named;
    }

    @JsonProperty("useCases")
    private Map<String, List<Long>> useCasesJson() {
        Map<String, List<Long>> named = new LinkedHashMap<>();
        for (UseCase useCase : USE_CASES) {
            Tallies.putIfCounted(named, useCase.name(), useCaseCount(useCase));
        }
        return named;
    }

    @JsonProperty("expectedFutureUseCases")
    private Map<String, List<Long>> expectedFutureUseCasesJson() {
        Map<String, List<Long>> named = new LinkedHashMap<>();
        for (UseCase useCase : USE_CASES) {
            Tallies.putIfCounted(named, useCase.name(), expectedFutureUseCaseCount(useCase));
        }
        return named;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageCounts other && tallies.equals(other.tallies);
    }

    @Override
    public int hashCode() {
        return tallies.hashCode();
    }

    @Override
    public String toString() {
        return "UsageCounts{respondents=" + respondentCount() + ", frequencies=" + frequenciesJson()
                + ", useCases=" + useCasesJson() + ", expectedFutureUseCases=" + expectedFutureUseCasesJson() + "}";
    }
}

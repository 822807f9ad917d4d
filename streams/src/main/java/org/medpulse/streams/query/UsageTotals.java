package org.medpulse.streams.query;

import java.util.Arrays;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.schemas.vocabulary.Vocabulary;

/**
 * Usage of some respondents, summed over every cell a filter keeps and every partition: how many
 * they are, how often they use AI, what for, and what for they expect to use it. The query side's
 * view (long counts, mergeable across instances); the stores' per-key values are
 * {@code org.medpulse.streams.state.UsageCounts}. Immutable; {@link #plus} sums.
 */
public final class UsageTotals {

    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final UseCase[] USE_CASES = UseCase.values();

    public static final UsageTotals EMPTY = builder().build();

    private final long respondents;
    private final long[] frequencies;
    private final long[] useCases;
    private final long[] expectedFutureUseCases;

    private UsageTotals(long respondents, long[] frequencies, long[] useCases, long[] expectedFutureUseCases) {
        this.respondents = respondents;
        this.frequencies = frequencies;
        this.useCases = useCases;
        this.expectedFutureUseCases = expectedFutureUseCases;
    }

    public static Builder builder() {
        return new Builder();
    }

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

    /** Respondents who use AI at all (any frequency but {@code NEVER}). */
    public long users() {
        long users = 0;
        for (UsageFrequency frequency : FREQUENCIES) {
            if (frequency != UsageFrequency.NEVER) {
                users += frequency(frequency);
            }
        }
        return users;
    }

    /** Respondents who use AI several times a week or more. */
    public long regularUsers() {
        long regular = 0;
        for (UsageFrequency frequency : FREQUENCIES) {
            if (Vocabulary.isRegularUse(frequency)) {
                regular += frequency(frequency);
            }
        }
        return regular;
    }

    public UsageTotals plus(UsageTotals other) {
        return builder().add(this).add(other).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageTotals other
                && respondents == other.respondents
                && Arrays.equals(frequencies, other.frequencies)
                && Arrays.equals(useCases, other.useCases)
                && Arrays.equals(expectedFutureUseCases, other.expectedFutureUseCases);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(respondents) * 31 + Arrays.hashCode(frequencies);
    }

    @Override
    public String toString() {
        return "UsageTotals{respondents=" + respondents + ", frequencies=" + Arrays.toString(frequencies)
                + ", useCases=" + Arrays.toString(useCases)
                + ", expectedFutureUseCases=" + Arrays.toString(expectedFutureUseCases) + '}';
    }

    /** Accumulates counts, typically the cells of a range scan that a filter keeps. Not thread-safe. */
    public static final class Builder {
        private long respondents;
        private final long[] frequencies = new long[FREQUENCIES.length];
        private final long[] useCases = new long[USE_CASES.length];
        private final long[] expectedFutureUseCases = new long[USE_CASES.length];

        private Builder() {
        }

        public Builder respondents(long count) {
            respondents += count;
            return this;
        }

        public Builder frequency(UsageFrequency frequency, long count) {
            frequencies[frequency.ordinal()] += count;
            return this;
        }

        public Builder useCase(UseCase useCase, long count) {
            useCases[useCase.ordinal()] += count;
            return this;
        }

        public Builder expectedFutureUseCase(UseCase useCase, long count) {
            expectedFutureUseCases[useCase.ordinal()] += count;
            return this;
        }

        public Builder add(UsageTotals counts) {
            respondents += counts.respondents;
            addAll(frequencies, counts.frequencies);
            addAll(useCases, counts.useCases);
            addAll(expectedFutureUseCases, counts.expectedFutureUseCases);
            return this;
        }

        public UsageTotals build() {
            return new UsageTotals(respondents, frequencies.clone(), useCases.clone(), expectedFutureUseCases.clone());
        }
    }

    static void addAll(long[] target, long[] source) {
        for (int i = 0; i < target.length; i++) {
            target[i] += source[i];
        }
    }
}

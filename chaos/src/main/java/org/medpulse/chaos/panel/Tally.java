package org.medpulse.chaos.panel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

/**
 * What a group of respondents (a wave, a cell, some days) counts, computed the plain way: one
 * increment per respondent for each answer they gave. The API's totals must equal these.
 */
public final class Tally {

    /** "Regular use": several times a week or more. */
    public static final Set<UsageFrequency> REGULAR = Collections.unmodifiableSet(EnumSet.of(
            UsageFrequency.SEVERAL_TIMES_A_WEEK, UsageFrequency.DAILY, UsageFrequency.SEVERAL_TIMES_A_DAY));

    private long respondents;
    private final long[] frequencies = new long[UsageFrequency.values().length];
    private final long[] useCases = new long[UseCase.values().length];
    private final long[] expected = new long[UseCase.values().length];
    private final long[] barriers = new long[Barrier.values().length];
    /** Respondents asked about market drivers (schema v2), and each driver among them. */
    private long asked;
    private final long[] drivers = new long[MarketDriver.values().length];
    /** Tool id → {users, regular users}. */
    private final Map<String, long[]> tools = new TreeMap<>();

    void add(PanelModel.Latest latest) {
        respondents++;
        frequencies[latest.usage().ordinal()]++;
        latest.useCases().forEach(u -> useCases[u.ordinal()]++);
        latest.expected().forEach(u -> expected[u.ordinal()]++);
        latest.barriers().forEach(b -> barriers[b.ordinal()]++);
        if (latest.drivers() != null) {
            asked++;
            latest.drivers().forEach(d -> drivers[d.ordinal()]++);
        }
        latest.tools().forEach((tool, regular) -> {
            long[] counts = tools.computeIfAbsent(tool, t -> new long[2]);
            counts[0]++;
            if (regular) {
                counts[1]++;
            }
        });
    }

    void addAll(Tally other) {
        respondents += other.respondents;
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] += other.frequencies[i];
        }
        for (int i = 0; i < useCases.length; i++) {
            useCases[i] += other.useCases[i];
            expected[i] += other.expected[i];
        }
        for (int i = 0; i < barriers.length; i++) {
            barriers[i] += other.barriers[i];
        }
        asked += other.asked;
        for (int i = 0; i < drivers.length; i++) {
            drivers[i] += other.drivers[i];
        }
        other.tools.forEach((tool, counts) -> {
            long[] mine = tools.computeIfAbsent(tool, t -> new long[2]);
            mine[0] += counts[0];
            mine[1] += counts[1];
        });
    }

    public long respondents() {
        return respondents;
    }

    public long frequency(UsageFrequency frequency) {
        return frequencies[frequency.ordinal()];
    }

    public long users() {
        return respondents - frequency(UsageFrequency.NEVER);
    }

    public long regularUsers() {
        return REGULAR.stream().mapToLong(this::frequency).sum();
    }

    public long useCase(UseCase useCase) {
        return useCases[useCase.ordinal()];
    }

    public long expectedFutureUseCase(UseCase useCase) {
        return expected[useCase.ordinal()];
    }

    public long barrier(Barrier barrier) {
        return barriers[barrier.ordinal()];
    }

    /** Respondents asked about market drivers (their latest response is v2, with the field). */
    public long asked() {
        return asked;
    }

    public long driver(MarketDriver driver) {
        return drivers[driver.ordinal()];
    }

    /** Tools with at least one user: id → {users, regular users}. */
    public Map<String, long[]> tools() {
        return Collections.unmodifiableMap(tools);
    }

    public long toolUsers(String tool) {
        long[] counts = tools.get(tool);
        return counts == null ? 0 : counts[0];
    }

    public long toolRegularUsers(String tool) {
        long[] counts = tools.get(tool);
        return counts == null ? 0 : counts[1];
    }
}

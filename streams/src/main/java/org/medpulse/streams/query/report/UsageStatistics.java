package org.medpulse.streams.query.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The usage fields shared by the wave and rolling usage results. When suppressed, only
 * {@code respondents} and {@code suppressed} are present. Maps hold every symbol, zeros included,
 * in the contract's symbol order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"respondents", "suppressed", "frequencies", "users", "regularUsers", "useCases", "expectedFutureUseCases"})
public record UsageStatistics(
        long respondents,
        boolean suppressed,
        Map<String, Statistic> frequencies,
        Statistic users,
        Statistic regularUsers,
        Map<String, Statistic> useCases,
        Map<String, Statistic> expectedFutureUseCases) {

    public static UsageStatistics of(UsageCounts counts, SmallCellPolicy policy) {
        long n = counts.respondents();
        if (policy.suppresses(n)) {
            return new UsageStatistics(n, true, null, null, null, null, null);
        }
        return new UsageStatistics(n, false,
                bySymbol(UsageFrequency.values(), counts::frequency, n),
                Statistic.of(counts.users(), n),
                Statistic.of(counts.regularUsers(), n),
                bySymbol(UseCase.values(), counts::useCase, n),
                bySymbol(UseCase.values(), counts::expectedFutureUseCase, n));
    }

    private static <E extends Enum<E>> Map<String, Statistic> bySymbol(E[] symbols, ToLongFunction<E> count, long n) {
        Map<String, Statistic> map = new LinkedHashMap<>();
        for (E symbol : symbols) {
            map.put(symbol.name(), Statistic.of(count.applyAsLong(symbol), n));
        }
        return map;
    }
}

package org.medpulse.streams.query.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.Count;
import org.medpulse.streams.state.UsageCounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The usage fields shared by the wave and rolling usage results. When suppressed, only
 * {@code respondents} and {@code suppressed} are present. Maps hold every symbol, zeros included,
 * in the contract's symbol order. Every count is published through the answer's {@link Disclosure}.
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

    public static UsageStatistics of(UsageCounts counts, Disclosure disclosure) {
        Count n = counts.respondentCount();
        long shown = disclosure.publish(n);
        if (disclosure.suppresses(n)) {
            return new UsageStatistics(shown, true, null, null, null, null, null);
        }
        return new UsageStatistics(shown, false,
                bySymbol(UsageFrequency.values(), counts::frequencyCount, n, disclosure),
                disclosure.statistic(counts.usersCount(), n),
                disclosure.statistic(counts.regularUsersCount(), n),
                bySymbol(UseCase.values(), counts::useCaseCount, n, disclosure),
                bySymbol(UseCase.values(), counts::expectedFutureUseCaseCount, n, disclosure));
    }

    private static <E extends Enum<E>> Map<String, Statistic> bySymbol(E[] symbols, Function<E, Count> count, Count n,
                                                                     Disclosure disclosure) {
        Map<String, Statistic> map = new LinkedHashMap<>();
        for (E symbol : symbols) {
            map.put(symbol.name(), disclosure.statistic(count.apply(symbol), n));
        }
        return map;
    }
}

package org.medpulse.streams.query;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.medpulse.avro.Barrier;
import org.medpulse.schemas.vocabulary.Vocabulary;

/**
 * A {@link SurveyStatsReader} over a list of latest answers, computed the plain way: the reference
 * the API is tested against. It can pretend to be unavailable (as during start-up or a rebalance),
 * in which case only readers that allow stale copies get answers, mimicking a standby.
 */
public final class InMemorySurveyStats implements SurveyStatsReader {

    private volatile List<Answer> answers = List.of();
    private volatile FailureReason unavailable;
    private volatile boolean standbyAvailable = true;
    private volatile RuntimeException bug;
    private final AtomicInteger reads = new AtomicInteger();

    public synchronized InMemorySurveyStats add(Answer... more) {
        List<Answer> copy = new ArrayList<>(answers);
        copy.addAll(List.of(more));
        answers = List.copyOf(copy);
        return this;
    }

    public synchronized InMemorySurveyStats replaceAll(List<Answer> all) {
        answers = List.copyOf(all);
        return this;
    }

    /** From now on, active reads fail with {@code reason}; {@code null} makes the stores available again. */
    public InMemorySurveyStats unavailable(FailureReason reason, boolean standbyAvailable) {
        this.unavailable = reason;
        this.standbyAvailable = standbyAvailable;
        return this;
    }

    /** From now on, every read throws {@code bug}, as a reader with a defect would. */
    public InMemorySurveyStats breakWith(RuntimeException bug) {
        this.bug = bug;
        return this;
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public QueryResult<List<WaveOverview>> waves(ReadOptions options) {
        return read(options, () -> {
            Map<String, WaveOverview> byWave = new TreeMap<>();
            for (Answer a : answers) {
                byWave.merge(a.wave(), new WaveOverview(a.wave(), 1, a.submittedAt(), a.submittedAt()), WaveOverview::plus);
            }
            return QueryResult.success(List.copyOf(byWave.values()));
        });
    }

    @Override
    public QueryResult<UsageTotals> usage(String wave, SurveyFilter filter, ReadOptions options) {
        return inWave(wave, options, () -> QueryResult.success(usageOf(a -> a.wave().equals(wave) && filter.matches(a.cell()))));
    }

    @Override
    public QueryResult<BarrierTotals> barriers(String wave, SurveyFilter filter, ReadOptions options) {
        return inWave(wave, options, () -> {
            BarrierTotals.Builder counts = BarrierTotals.builder();
            for (Answer a : answers) {
                if (a.wave().equals(wave) && filter.matches(a.cell())) {
                    counts.respondents(1);
                    for (Barrier b : a.barriers()) {
                        counts.barrier(b, 1);
                    }
                }
            }
            return QueryResult.success(counts.build());
        });
    }

    @Override
    public QueryResult<ToolTotals> tools(String wave, SurveyFilter filter, ReadOptions options) {
        return inWave(wave, options, () -> {
            ToolTotals.Builder counts = ToolTotals.builder();
            for (Answer a : answers) {
                if (a.wave().equals(wave) && filter.matches(a.cell())) {
                    counts.respondents(1);
                    a.tools().forEach((id, frequency) -> counts.tool(id, new ToolTally(1, Vocabulary.isRegularUse(frequency) ? 1 : 0)));
                }
            }
            return QueryResult.success(counts.build());
        });
    }

    @Override
    public QueryResult<UsageTotals> usageByDays(DayRange days, SurveyFilter filter, ReadOptions options) {
        return read(options, () -> QueryResult.success(usageOf(a -> filter.matches(a.cell())
                && days.contains(LocalDate.ofInstant(a.submittedAt(), ZoneOffset.UTC)))));
    }

    private UsageTotals usageOf(Predicate<Answer> kept) {
        UsageTotals.Builder counts = UsageTotals.builder();
        for (Answer a : answers) {
            if (kept.test(a)) {
                counts.respondents(1).frequency(a.frequency(), 1);
                a.useCases().forEach(u -> counts.useCase(u, 1));
                a.expectedFutureUseCases().forEach(u -> counts.expectedFutureUseCase(u, 1));
            }
        }
        return counts.build();
    }

    private <T> QueryResult<T> inWave(String wave, ReadOptions options, Supplier<QueryResult<T>> answer) {
        return read(options, () -> answers.stream().anyMatch(a -> a.wave().equals(wave))
                ? answer.get()
                : QueryResult.failure(FailureReason.UNKNOWN_WAVE, "Unknown wave '" + wave + "'"));
    }

    private <T> QueryResult<T> read(ReadOptions options, Supplier<QueryResult<T>> answer) {
        reads.incrementAndGet();
        if (bug != null) {
            throw bug;
        }
        FailureReason reason = unavailable;
        if (reason != null && !(options.isStaleAllowed() && standbyAvailable)) {
            return QueryResult.failure(reason, "Stores unavailable: " + reason);
        }
        return answer.get();
    }
}

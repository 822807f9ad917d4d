package org.medpulse.streams.query.store;

import org.medpulse.avro.Barrier;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;
import org.medpulse.streams.query.BarrierTotals;
import org.medpulse.streams.query.ToolTally;
import org.medpulse.streams.query.UsageTotals;
import org.medpulse.streams.state.BarrierCounts;
import org.medpulse.streams.state.ToolCounts;
import org.medpulse.streams.state.UsageCounts;

/** Adds the stores' per-key values into the query side's totals. */
final class StoreTotals {

    private static final UsageFrequency[] FREQUENCIES = UsageFrequency.values();
    private static final UseCase[] USE_CASES = UseCase.values();
    private static final Barrier[] BARRIERS = Barrier.values();

    private StoreTotals() {
    }

    static void add(UsageTotals.Builder totals, UsageCounts cell) {
        totals.respondents(cell.respondents());
        for (UsageFrequency frequency : FREQUENCIES) {
            totals.frequency(frequency, cell.frequency(frequency));
        }
        for (UseCase useCase : USE_CASES) {
            totals.useCase(useCase, cell.useCase(useCase));
            totals.expectedFutureUseCase(useCase, cell.expectedFutureUseCase(useCase));
        }
    }

    static void add(BarrierTotals.Builder totals, BarrierCounts cell) {
        totals.respondents(cell.respondents());
        for (Barrier barrier : BARRIERS) {
            totals.barrier(barrier, cell.barrier(barrier));
        }
    }

    static ToolTally tally(ToolCounts cell) {
        return new ToolTally(cell.users(), cell.regularUsers());
    }
}

package org.medpulse.streams.query.disclosure;

import java.util.List;
import java.util.Objects;

import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.Count;

/**
 * The cell key method: every published count is its true count plus the noise the perturbation
 * table gives for that count and its cell key (the sum of its respondents' record keys modulo 2^32).
 * The same set of respondents always gets the same noise, whichever question, instance or partition
 * order it comes through; different sets get unrelated noise; no count in {@code 1..js-1} is ever
 * published. Shares and intervals come from the perturbed counts, the count clamped to its perturbed
 * total; an answer whose respondents perturb to 0 shows no counts, there being no share to give.
 */
public final class CellKeyPerturbation implements Disclosure {

    /**
     * The day windows answers may cover: each answer about a group is one more noisy look at it, and
     * windows of every length ending on every day would be hundreds (see docs/disclosure.md for the
     * averaging attack this bounds, measured).
     */
    public static final List<Integer> WINDOWS = List.of(1, 7, 30, 90);

    private final PerturbationTable table;
    private final DisclosureBlock block;

    public CellKeyPerturbation(PerturbationTable table) {
        this.table = Objects.requireNonNull(table, "table");
        PerturbationParameters parameters = table.parameters();
        this.block = DisclosureBlock.cellKey(parameters.d(), parameters.v(), parameters.js());
    }

    /** The method with a table built from {@code parameters}. */
    public static CellKeyPerturbation of(PerturbationParameters parameters) {
        return new CellKeyPerturbation(PerturbationTable.build(parameters));
    }

    public PerturbationTable table() {
        return table;
    }

    @Override
    public DisclosureBlock describe() {
        return block;
    }

    @Override
    public long publish(Count count) {
        return table.perturb(count.n(), CellKeys.fromUnsigned32(count.keySum()));
    }

    @Override
    public boolean suppresses(Count respondents) {
        return publish(respondents) == 0;
    }

    @Override
    public Statistic statistic(Count count, Count respondents) {
        return Statistic.clamped(publish(count), publish(respondents));
    }

    @Override
    public List<Integer> windows() {
        return WINDOWS;
    }

    @Override
    public String toString() {
        return "CellKeyPerturbation" + block;
    }
}

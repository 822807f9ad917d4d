package org.medpulse.streams.query.disclosure;

import java.util.Objects;

import org.medpulse.streams.query.DayWindows;
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
     * The day windows answers may cover: days, weeks ending on Sunday, and blocks of 30 and 90 days.
     * Each answer about a group is one more noisy look at it: windows of every length ending on every
     * day let a least-squares attacker find a one- or two-respondent group's count 100% of the time,
     * these four lengths ending on any day 68%, the same lengths tiling the calendar 31-35%
     * (docs/disclosure.md, {@code medpulse bench averaging}).
     */
    public static final DayWindows WINDOWS = DayWindows.aligned(1, 7, 30, 90);

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
    public DayWindows windows() {
        return WINDOWS;
    }

    @Override
    public String toString() {
        return "CellKeyPerturbation" + block;
    }
}

package org.medpulse.streams.query.disclosure;

import java.util.Objects;

import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.Statistic;
import org.medpulse.streams.state.Count;

/**
 * Exact counts with small-cell suppression: an answer about fewer than k respondents shows how
 * many they are and no count. Protects one answer at a time: differences of answers are exact,
 * which is why the public gets the cell key method when the operator chooses it.
 */
public record Suppression(SmallCellPolicy policy) implements Disclosure {

    public Suppression {
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public DisclosureBlock describe() {
        return DisclosureBlock.suppression(policy.minCellSize());
    }

    @Override
    public long publish(Count count) {
        return count.n();
    }

    @Override
    public boolean suppresses(Count respondents) {
        return policy.suppresses(respondents.n());
    }

    @Override
    public Statistic statistic(Count count, Count respondents) {
        return Statistic.of(count.n(), respondents.n());
    }
}

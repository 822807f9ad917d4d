package org.medpulse.streams.query.routing;

import java.util.Objects;
import java.util.function.BinaryOperator;

/**
 * A partition's totals for one wave, and whether that partition has any respondent of the wave at
 * all. Whether a wave is unknown is only known once every partition has answered: no single
 * partition can say so.
 */
public record InWave<T>(boolean waveSeen, T totals) {

    public InWave {
        Objects.requireNonNull(totals, "totals");
    }

    public InWave<T> plus(InWave<T> other, BinaryOperator<T> sum) {
        return new InWave<>(waveSeen || other.waveSeen, sum.apply(totals, other.totals));
    }
}

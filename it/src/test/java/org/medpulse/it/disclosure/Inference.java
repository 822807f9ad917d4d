package org.medpulse.it.disclosure;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiPredicate;

import org.medpulse.streams.query.disclosure.PerturbationParameters;
import org.medpulse.streams.query.disclosure.PerturbationTable;
import org.medpulse.streams.query.disclosure.Transition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an attacker who knows the method (its perturbation table, which MedPulse publishes) can
 * conclude from published counts: the true values a linear combination of counts can have. An
 * attack "succeeds with certainty" when exactly one value remains.
 */
final class Inference {

    /** How far a true count may be from its published value: more than any table's D (at most 100). */
    private static final int REACH = 200;

    private final BiPredicate<Long, Long> possible;

    private Inference(BiPredicate<Long, Long> possible) {
        this.possible = possible;
    }

    /**
     * What an attacker infers from answers carrying {@code disclosure} (their "disclosure" block):
     * exact counts under {@code suppress}, the table of the declared parameters under {@code cell-key}.
     */
    static Inference declaredBy(JsonNode disclosure) {
        return switch (disclosure.get("method").asText()) {
            case "suppress" -> exact();
            case "cell-key" -> through(PerturbationTable.build(PerturbationParameters.of(disclosure.get("D").asInt(),
                    disclosure.get("V").asDouble(), disclosure.get("js").asInt())));
            default -> throw new IllegalArgumentException("Unknown method " + disclosure);
        };
    }

    /** Exact publication: a count is published as itself. */
    static Inference exact() {
        return new Inference(Long::equals);
    }

    /** Publication through {@code table}: true count i may be published as j iff the table gives j - i a probability. */
    static Inference through(PerturbationTable table) {
        return new Inference((i, j) -> {
            for (Transition t : table.rowFor(i).transitions()) {
                if (t.p() > 0 && t.j() - t.i() == j - i) {
                    return true;
                }
            }
            return false;
        });
    }

    /** A published count and the sign it enters the attacker's identity with. */
    record Term(long published, int sign) {
        static Term plus(long published) {
            return new Term(published, 1);
        }

        static Term minus(long published) {
            return new Term(published, -1);
        }
    }

    /** The true counts a group can have when it is the signed sum of the counts behind {@code terms}. */
    SortedSet<Long> candidates(List<Term> terms) {
        SortedSet<Long> sums = new TreeSet<>(List.of(0L));
        for (Term term : terms) {
            SortedSet<Long> behind = behind(term.published());
            SortedSet<Long> next = new TreeSet<>();
            for (long sum : sums) {
                for (long value : behind) {
                    next.add(sum + term.sign() * value);
                }
            }
            sums = next;
        }
        return new TreeSet<>(sums.tailSet(0L));
    }

    /** The true counts that can be published as {@code published}. */
    private SortedSet<Long> behind(long published) {
        SortedSet<Long> values = new TreeSet<>();
        for (long i = Math.max(0, published - REACH); i <= published + REACH; i++) {
            if (possible.test(i, published)) {
                values.add(i);
            }
        }
        return values;
    }
}

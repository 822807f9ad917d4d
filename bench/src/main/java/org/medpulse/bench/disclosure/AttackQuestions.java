package org.medpulse.bench.disclosure;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The questions an attacker asks about the panel: one or more blocks, each a set of day windows asked
 * with every filter combination the block allows. Blocks share no window, so that no answer is counted
 * twice (the same question always gets the same answer).
 *
 * @param name        short label, e.g. {@code (a)}
 * @param description what the questions are
 * @param blocks      the blocks
 */
public record AttackQuestions(String name, String description, List<Block> blocks) {

    /** Which filters a block's windows are asked with. */
    public enum Filters {
        /** The target's partner alone. */
        PARTNER,
        /** Each partner, and the whole panel (no partner filter): the partner complement. */
        PARTNERS,
        /** Each partner and the whole panel, each with no practice type or any one, and no setting or any one. */
        EVERY_COMBINATION
    }

    /**
     * @param windows     the day windows, {@code {from, to}} 0-based (see {@link DayWindows})
     * @param filters     the filter combinations each window is asked with
     * @param frequencies {@code true}: each answer's usage breakdown too (each frequency, users, regular
     *                    users), which the API publishes with every answer it does not suppress;
     *                    {@code false}: only the respondents
     */
    public record Block(List<int[]> windows, Filters filters, boolean frequencies) {

        public Block {
            windows = List.copyOf(windows);
            Objects.requireNonNull(filters, "filters");
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("a block needs at least one window");
            }
        }
    }

    public AttackQuestions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("an attack needs at least one block of questions");
        }
        Set<List<Integer>> seen = new HashSet<>();
        for (Block block : blocks) {
            Set<List<Integer>> mine = new HashSet<>();
            for (int[] w : block.windows()) {
                mine.add(List.of(w[0], w[1]));
            }
            for (List<Integer> w : mine) {
                if (!seen.add(w)) {
                    throw new IllegalArgumentException("window " + w + " is in two blocks of " + name);
                }
            }
        }
    }

    /** One block: every window with the same filters. */
    public static AttackQuestions of(String name, String description, List<int[]> windows, Filters filters,
                                     boolean frequencies) {
        return new AttackQuestions(name, description, List.of(new Block(windows, filters, frequencies)));
    }
}

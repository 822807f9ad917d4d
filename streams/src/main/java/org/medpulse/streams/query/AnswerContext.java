package org.medpulse.streams.query;

import java.util.Objects;
import java.util.function.Supplier;

import org.medpulse.schemas.catalogue.ToolCatalogue;

/**
 * What rendering an answer needs besides the counts: the small-cell policy, and the tool
 * catalogue as operators have extended it by now (read per answer: it changes at runtime).
 */
public interface AnswerContext {

    SmallCellPolicy policy();

    ToolCatalogue catalogue();

    /** {@code policy}, and the catalogue {@code catalogue} gives at each answer. */
    static AnswerContext of(SmallCellPolicy policy, Supplier<ToolCatalogue> catalogue) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(catalogue, "catalogue");
        return new AnswerContext() {
            @Override
            public SmallCellPolicy policy() {
                return policy;
            }

            @Override
            public ToolCatalogue catalogue() {
                return catalogue.get();
            }
        };
    }
}

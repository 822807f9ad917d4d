package org.medpulse.streams.query;

import java.util.Objects;

/**
 * What every question asked of an instance right now would be answered from: where its partitions
 * are read ({@code routing}) and what those stores hold ({@code stores}), both opaque and compared
 * by {@code equals}. While an instance's version stays equal, a question gathers the same partial
 * answers, so an answer made between two equal looks at the version may be given again for as long
 * as the version stays so ({@link QueryService#version}). Immutable.
 */
public record AnswersVersion(Object routing, Object stores) {

    public AnswersVersion {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(stores, "stores");
    }
}

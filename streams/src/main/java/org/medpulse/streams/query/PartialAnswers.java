package org.medpulse.streams.query;

import java.util.Optional;

import org.medpulse.streams.state.Mergeable;

/**
 * Every partition's partial answer to a question, merged: complete, or a failure saying why not.
 * The router asks this instance's partitions and the other instances for theirs.
 */
public interface PartialAnswers {

    <P extends Mergeable<P>> QueryResult<P> gather(Question<P, ?> question, ReadOptions options);

    /**
     * The version of what {@link #gather} reads now with {@code options}; empty when it cannot be
     * known (the stores are moving, some partition is another instance's, stale copies may be
     * read), and then no answer may be given again.
     */
    default Optional<AnswersVersion> version(ReadOptions options) {
        return Optional.empty();
    }
}

package org.medpulse.streams.query;

import org.medpulse.streams.state.Mergeable;

/**
 * Every partition's partial answer to a question, merged: complete, or a failure saying why not.
 * The router asks this instance's partitions and the other instances for theirs.
 */
public interface PartialAnswers {

    <P extends Mergeable<P>> QueryResult<P> gather(Question<P, ?> question, ReadOptions options);
}

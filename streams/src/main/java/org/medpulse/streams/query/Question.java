package org.medpulse.streams.query;

import org.medpulse.streams.state.Mergeable;

/**
 * A question the survey API answers, declared in one place: what one partition's stores say
 * about it ({@link #read}), and how the merged answer of every partition is rendered
 * ({@link #answer}). Partial answers fold with {@link Mergeable#plus}: partitions hold disjoint
 * respondents. Everything else (which instance holds which partition, asking the others over
 * HTTP, caching, retries, failures) is written once for every question, in {@link QueryService}
 * and the packages beneath it.
 *
 * <p>A question is an immutable value (typically a record of its parameters): equal questions
 * share what is remembered of them, and its {@link #type()} carries it to the other instances.
 *
 * @param <P> the partial answer of one partition (and of several, merged)
 * @param <A> the answer, as the API writes it
 */
public interface Question<P extends Mergeable<P>, A> {

    /** The kind of question, which names it between instances. */
    QuestionType<?> type();

    /**
     * What one partition's stores say. A store that cannot be read right now ends the read
     * ({@link PartitionStores} throws {@link PartitionUnavailableException}); the partition is then
     * asked again elsewhere or the question answered as unavailable.
     */
    P read(PartitionStores partition);

    /** The answer from every partition's merged partial answer, or why there is none (unknown wave, say). */
    QueryResult<A> answer(P merged, AnswerContext context);
}

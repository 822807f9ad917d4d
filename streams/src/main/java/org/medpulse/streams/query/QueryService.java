package org.medpulse.streams.query;

import java.util.Objects;

import org.medpulse.streams.state.Mergeable;

/**
 * The read side's entry point: gathers a question's partial answers from every partition and
 * renders the merged one. Stateless and thread-safe.
 */
public final class QueryService {

    private final PartialAnswers partials;
    private final AnswerContext context;

    public QueryService(PartialAnswers partials, AnswerContext context) {
        this.partials = Objects.requireNonNull(partials, "partials");
        this.context = Objects.requireNonNull(context, "context");
    }

    public <P extends Mergeable<P>, A> QueryResult<A> answer(Question<P, A> question, ReadOptions options) {
        return partials.gather(question, options).flatMap(merged -> question.answer(merged, context));
    }

    public AnswerContext context() {
        return context;
    }
}

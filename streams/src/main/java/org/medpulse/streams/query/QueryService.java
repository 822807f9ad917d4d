package org.medpulse.streams.query;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.state.Mergeable;

/**
 * The read side's entry point: gathers a question's partial answers from every partition and
 * renders the merged one for an audience. Stateless and thread-safe.
 */
public final class QueryService {

    private final PartialAnswers partials;
    private final Disclosures disclosures;
    private final Supplier<ToolCatalogue> catalogue;

    /** Answers from {@code partials}, published as {@code disclosures} says, naming tools as {@code catalogue} gives at each answer. */
    public QueryService(PartialAnswers partials, Disclosures disclosures, Supplier<ToolCatalogue> catalogue) {
        this.partials = Objects.requireNonNull(partials, "partials");
        this.disclosures = Objects.requireNonNull(disclosures, "disclosures");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    public <P extends Mergeable<P>, A> QueryResult<A> answer(Question<P, A> question, ReadOptions options, Audience audience) {
        return answer(question, options, context(audience));
    }

    /** The answer rendered with {@code context} (one of {@link #context}'s, read when the question was made). */
    public <P extends Mergeable<P>, A> QueryResult<A> answer(Question<P, A> question, ReadOptions options, AnswerContext context) {
        return partials.gather(question, options).flatMap(merged -> question.answer(merged, context));
    }

    /** The answer for every audience, from one gathering of the partial answers (the live stream's). */
    public <P extends Mergeable<P>, A> QueryResult<Map<Audience, A>> answerEach(Question<P, A> question, ReadOptions options) {
        return partials.gather(question, options).flatMap(merged -> {
            Map<Audience, A> answers = new EnumMap<>(Audience.class);
            ToolCatalogue tools = catalogue.get();
            for (Audience audience : Audience.values()) {
                QueryResult<A> answer = question.answer(merged, context(audience, tools));
                if (answer instanceof QueryResult.Failure<A> failure) {
                    return failure.cast();
                }
                answers.put(audience, answer.value());
            }
            return QueryResult.success(answers);
        });
    }

    /**
     * The version of what answers with {@code options} are read from now: an answer made between two
     * looks that found equal versions, in an equal context, stays the answer while the version and
     * the context's catalogue stay so. Empty when it cannot be known: answer every time.
     */
    public Optional<AnswersVersion> version(ReadOptions options) {
        return partials.version(options);
    }

    public AnswerContext context(Audience audience) {
        return context(audience, catalogue.get());
    }

    /** The tool catalogue as it is now. */
    public ToolCatalogue catalogue() {
        return catalogue.get();
    }

    public Disclosures disclosures() {
        return disclosures;
    }

    private AnswerContext context(Audience audience, ToolCatalogue tools) {
        return new AnswerContext(audience, disclosures.of(audience), disclosures.policy(), tools);
    }
}

package org.medpulse.streams.query;

import java.util.Objects;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * A kind of {@link Question} as it travels between instances: its name, the class its parameters
 * are read back into, and the type of its partial answers. Instances only answer the kinds they
 * were given ({@link QuestionTypes}), so a name from the network never picks an arbitrary class.
 *
 * <pre>{@code
 * public static final QuestionType<UsageQuestion> TYPE =
 *         QuestionType.of("usage", UsageQuestion.class, new TypeReference<InWave<UsageCounts>>() {});
 * }</pre>
 */
public record QuestionType<Q extends Question<?, ?>>(String name, Class<Q> questionClass, TypeReference<?> partial) {

    public QuestionType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(questionClass, "questionClass");
        Objects.requireNonNull(partial, "partial");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A question type's name is lower-case words joined by '-': " + name);
        }
    }

    public static <Q extends Question<?, ?>> QuestionType<Q> of(String name, Class<Q> questionClass,
                                                               TypeReference<?> partial) {
        return new QuestionType<>(name, questionClass, partial);
    }
}

package org.medpulse.streams.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The kinds of question an instance answers for other instances, by name. Immutable. */
public final class QuestionTypes {

    private final Map<String, QuestionType<?>> byName;

    private QuestionTypes(Map<String, QuestionType<?>> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static QuestionTypes of(Collection<? extends QuestionType<?>> types) {
        Map<String, QuestionType<?>> byName = new LinkedHashMap<>();
        for (QuestionType<?> type : types) {
            QuestionType<?> other = byName.put(type.name(), type);
            if (other != null && !other.equals(type)) {
                throw new IllegalArgumentException("Two question types named '" + type.name() + "': "
                        + other.questionClass().getName() + " and " + type.questionClass().getName());
            }
        }
        return new QuestionTypes(byName);
    }

    public Optional<QuestionType<?>> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<QuestionType<?>> all() {
        return byName.values();
    }
}

package org.medpulse.streams.api.survey;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.AnswersVersion;
import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;

/**
 * Answers' JSON given again while nothing they were made from changed: the same question, for the
 * same audience, with the same tool catalogue, while the instance's {@link AnswersVersion} stays
 * equal. What the stores show changes only at a commit (a few times a second with live responses)
 * or when tasks move, and a dashboard's readers ask the same few questions meanwhile: each was read,
 * rendered for its audience and written as JSON at every request, most of an answer's time.
 *
 * <p>Only answers of the current version are kept: the first request that sees another version
 * drops them all. An answer is kept only if the version was the same before it was read and after
 * it was written, so it is exactly what a request would have been answered then; a commit that
 * began meanwhile leaves it out. At most {@code maxEntries} answers per version; 0 keeps none.
 * Thread-safe.
 */
final class AnswerCache {

    // What an answer depends on besides the version: its question (records, compared by value; a
    // rolling question holds its days, so "today" is part of it) and who it is for.
    private record Key(Question<?, ?> question, Audience audience) {
    }

    // The answers of one version and catalogue, compared by identity: the catalogue is read again
    // every second, and StoreToolCatalogue gives the same object while its entries stay the same.
    private record Generation(AnswersVersion version, ToolCatalogue catalogue, Map<Key, byte[]> answers) {

        boolean of(AnswersVersion otherVersion, ToolCatalogue otherCatalogue) {
            return catalogue == otherCatalogue && version.equals(otherVersion);
        }
    }

    private final int maxEntries;
    private final Supplier<Optional<AnswersVersion>> version;
    private volatile Generation current;
    private final LongAdder kept = new LongAdder();
    private final LongAdder made = new LongAdder();

    /**
     * @param version the instance's current version, empty when it cannot be known (nothing is kept then)
     * @param maxEntries the most answers kept of one version; 0 keeps none
     */
    AnswerCache(Supplier<Optional<AnswersVersion>> version, int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
        }
        this.version = Objects.requireNonNull(version, "version");
        this.maxEntries = maxEntries;
    }

    /**
     * The JSON of {@code question}'s answer for {@code audience} with {@code catalogue}: the one kept
     * while the version is still the one it was made at, else {@code make}'s, kept when it is an
     * answer (never a failure) and the version did not move while it was made.
     */
    QueryResult<byte[]> answer(Question<?, ?> question, Audience audience, ToolCatalogue catalogue,
                               Supplier<QueryResult<byte[]>> make) {
        Optional<AnswersVersion> before = maxEntries == 0 ? Optional.empty() : version.get();
        if (before.isEmpty()) {
            return make(make);
        }
        Generation generation = generation(before.get(), catalogue);
        Key key = new Key(question, audience);
        byte[] given = generation.answers().get(key);
        if (given != null) {
            kept.increment();
            return QueryResult.success(given);
        }
        QueryResult<byte[]> answer = make(make);
        if (answer.isSuccess() && generation == current && generation.answers().size() < maxEntries
                && before.equals(version.get())) {
            generation.answers().put(key, answer.value());
        }
        return answer;
    }

    /** How many answers were given again. */
    long kept() {
        return kept.sum();
    }

    /** How many answers (or failures) were made. */
    long made() {
        return made.sum();
    }

    private QueryResult<byte[]> make(Supplier<QueryResult<byte[]>> make) {
        made.increment();
        return make.get();
    }

    // The answers of this version and catalogue: the current ones, or a new empty set in their place.
    private Generation generation(AnswersVersion version, ToolCatalogue catalogue) {
        Generation known = current;
        if (known != null && known.of(version, catalogue)) {
            return known;
        }
        Generation fresh = new Generation(version, catalogue, new ConcurrentHashMap<>());
        current = fresh;
        return fresh;
    }
}

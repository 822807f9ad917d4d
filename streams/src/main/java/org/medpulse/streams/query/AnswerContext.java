package org.medpulse.streams.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

import org.medpulse.schemas.catalogue.ToolCatalogue;

/**
 * What rendering an answer needs besides the counts: who it is for, how its counts are published
 * to them, the minimum cell size k (free-text tool names named by fewer respondents of the whole
 * wave never appear), and the tool catalogue as operators have extended it by now (read per
 * answer: it changes at runtime). Immutable.
 */
public record AnswerContext(Audience audience, Disclosure disclosure, SmallCellPolicy policy, ToolCatalogue catalogue) {

    public AnswerContext {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(catalogue, "catalogue");
    }

    /**
     * A submission time as published: exact for analysts; the UTC day for the public, since the
     * exact time of the newest response points at the one respondent who just answered.
     */
    public String time(Instant instant) {
        return audience == Audience.ANALYST ? instant.toString() : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Whether a free-text tool named by {@code namedBy} respondents of a whole wave may be named in an answer. */
    public boolean mayName(long namedBy) {
        return !policy.suppresses(namedBy);
    }
}

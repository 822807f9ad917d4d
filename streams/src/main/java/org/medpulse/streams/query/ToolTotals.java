package org.medpulse.streams.query;

import java.util.HashMap;
import java.util.Map;

/**
 * Tool adoption among some respondents, summed over the cells a filter keeps and every partition,
 * by catalogue id (or slug, for a tool the catalogue does not know). Tools nobody lists are
 * absent. Immutable; {@link #plus} sums.
 */
public final class ToolTotals {

    public static final ToolTotals EMPTY = new ToolTotals(0, Map.of());

    private final long respondents;
    private final Map<String, ToolTally> tools;

    private ToolTotals(long respondents, Map<String, ToolTally> tools) {
        this.respondents = respondents;
        this.tools = tools;
    }

    public static ToolTotals of(long respondents, Map<String, ToolTally> tools) {
        Map<String, ToolTally> used = new HashMap<>();
        tools.forEach((id, tally) -> {
            if (tally.users() > 0) {
                used.put(id, tally);
            }
        });
        return new ToolTotals(respondents, Map.copyOf(used));
    }

    public static Builder builder() {
        return new Builder();
    }

    public long respondents() {
        return respondents;
    }

    /** Tools listed by at least one respondent. */
    public Map<String, ToolTally> tools() {
        return tools;
    }

    public ToolTally tool(String id) {
        return tools.getOrDefault(id, ToolTally.NONE);
    }

    public ToolTotals plus(ToolTotals other) {
        return builder().add(this).add(other).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolTotals other && respondents == other.respondents && tools.equals(other.tools);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(respondents) * 31 + tools.hashCode();
    }

    @Override
    public String toString() {
        return "ToolTotals{respondents=" + respondents + ", tools=" + tools + '}';
    }

    /** Accumulates counts. Not thread-safe. */
    public static final class Builder {
        private long respondents;
        private final Map<String, ToolTally> tools = new HashMap<>();

        private Builder() {
        }

        public Builder respondents(long count) {
            respondents += count;
            return this;
        }

        public Builder tool(String id, ToolTally tally) {
            tools.merge(id, tally, ToolTally::plus);
            return this;
        }

        public Builder add(ToolTotals counts) {
            respondents += counts.respondents;
            counts.tools.forEach(this::tool);
            return this;
        }

        public ToolTotals build() {
            return of(respondents, tools);
        }
    }
}

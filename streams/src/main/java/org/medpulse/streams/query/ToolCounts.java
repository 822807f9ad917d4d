package org.medpulse.streams.query;

import java.util.HashMap;
import java.util.Map;

/**
 * Tool adoption among some respondents, by catalogue id (or slug, for a tool the catalogue does
 * not know). Tools nobody lists are absent. Immutable; {@link #plus} sums.
 */
public final class ToolCounts {

    public static final ToolCounts EMPTY = new ToolCounts(0, Map.of());

    private final long respondents;
    private final Map<String, ToolTally> tools;

    private ToolCounts(long respondents, Map<String, ToolTally> tools) {
        this.respondents = respondents;
        this.tools = tools;
    }

    public static ToolCounts of(long respondents, Map<String, ToolTally> tools) {
        Map<String, ToolTally> used = new HashMap<>();
        tools.forEach((id, tally) -> {
            if (tally.users() > 0) {
                used.put(id, tally);
            }
        });
        return new ToolCounts(respondents, Map.copyOf(used));
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

    public ToolCounts plus(ToolCounts other) {
        return builder().add(this).add(other).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolCounts other && respondents == other.respondents && tools.equals(other.tools);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(respondents) * 31 + tools.hashCode();
    }

    @Override
    public String toString() {
        return "ToolCounts{respondents=" + respondents + ", tools=" + tools + '}';
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

        public Builder add(ToolCounts counts) {
            respondents += counts.respondents;
            counts.tools.forEach(this::tool);
            return this;
        }

        public ToolCounts build() {
            return of(respondents, tools);
        }
    }
}

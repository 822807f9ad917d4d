package org.medpulse.streams.query;

/** One tool's adoption among some respondents: who lists it, and who uses it regularly. */
public record ToolTally(long users, long regularUsers) {

    public static final ToolTally NONE = new ToolTally(0, 0);

    public ToolTally {
        if (users < 0 || regularUsers < 0 || regularUsers > users) {
            throw new IllegalArgumentException("Inconsistent tool tally: users=" + users + ", regularUsers=" + regularUsers);
        }
    }

    public ToolTally plus(ToolTally other) {
        return new ToolTally(users + other.users, regularUsers + other.regularUsers);
    }
}

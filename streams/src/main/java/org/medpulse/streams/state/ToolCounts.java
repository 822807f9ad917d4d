package org.medpulse.streams.state;

/**
 * Value of {@code tools-by-wave}, and one tool's part of answers: among some latest responses,
 * those listing the tool ({@code users}) and those using it several times a week or more
 * ({@code regularUsers}; a tool listed without a frequency is not regular use).
 */
public record ToolCounts(long users, long regularUsers) implements Counts<ToolCounts> {

    public static final ToolCounts NONE = new ToolCounts(0, 0);

    private static final int FORMAT = 1;

    public static ToolCounts of(ToolUse use) {
        return new ToolCounts(1, use.regular() ? 1 : 0);
    }

    @Override
    public ToolCounts plus(ToolCounts other) {
        return new ToolCounts(users + other.users, regularUsers + other.regularUsers);
    }

    @Override
    public ToolCounts minus(ToolCounts other) {
        return new ToolCounts(users - other.users, regularUsers - other.regularUsers);
    }

    @Override
    public boolean isEmpty() {
        return users == 0 && regularUsers == 0;
    }

    byte[] toBytes() {
        return new CompactWriter(21).writeByte(FORMAT).writeVarLong(users).writeVarLong(regularUsers).toByteArray();
    }

    static ToolCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "tool counts");
        return new ToolCounts(in.readVarLong(), in.readVarLong());
    }
}

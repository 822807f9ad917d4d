package org.medpulse.streams.state;

/**
 * Value of {@code tools-by-wave}: among a cell's latest responses, those listing the tool
 * ({@code users}) and those using it several times a week or more ({@code regularUsers}; a tool
 * listed without a frequency is not regular use).
 */
public record ToolCounts(int users, int regularUsers) {

    private static final int FORMAT = 1;

    public static ToolCounts of(ToolUse use) {
        return new ToolCounts(1, use.regular() ? 1 : 0);
    }

    public ToolCounts plus(ToolCounts other) {
        return new ToolCounts(users + other.users, regularUsers + other.regularUsers);
    }

    public ToolCounts minus(ToolCounts other) {
        return new ToolCounts(users - other.users, regularUsers - other.regularUsers);
    }

    public boolean isEmpty() {
        return users == 0 && regularUsers == 0;
    }

    byte[] toBytes() {
        return new CompactWriter(11).writeByte(FORMAT).writeVarInt(users).writeVarInt(regularUsers).toByteArray();
    }

    static ToolCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data).expectFormat(FORMAT, "tool counts");
        return new ToolCounts(in.readVarInt(), in.readVarInt());
    }
}

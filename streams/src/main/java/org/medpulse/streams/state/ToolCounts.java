package org.medpulse.streams.state;

/**
 * Value of {@code tools-by-wave}, and one tool's part of answers: among some latest responses,
 * those listing the tool ({@code users}) and those using it several times a week or more
 * ({@code regularUsers}; a tool listed without a frequency is not regular use), each with its
 * respondents' key sum.
 */
public record ToolCounts(Count users, Count regularUsers) implements Counts<ToolCounts> {

    public static final ToolCounts NONE = new ToolCounts(Count.ZERO, Count.ZERO);

    // Format 1 had no key sums; 2 writes each count's key sum after it.
    private static final int FORMAT_WITHOUT_KEYS = 1;
    private static final int FORMAT = 2;

    /** One respondent's use of a tool, counted under the respondent's record key. */
    public static ToolCounts of(ToolUse use, int recordKey) {
        Count one = new Count(1, recordKey);
        return new ToolCounts(one, use.regular() ? one : Count.ZERO);
    }

    @Override
    public ToolCounts plus(ToolCounts other) {
        return new ToolCounts(users.plus(other.users), regularUsers.plus(other.regularUsers));
    }

    @Override
    public ToolCounts minus(ToolCounts other) {
        return new ToolCounts(users.minus(other.users), regularUsers.minus(other.regularUsers));
    }

    @Override
    public boolean isEmpty() {
        return users.n() == 0 && regularUsers.n() == 0;
    }

    byte[] toBytes() {
        return new CompactWriter(29).writeByte(FORMAT).writeVarLong(users.n()).writeInt(users.keySum())
                .writeVarLong(regularUsers.n()).writeInt(regularUsers.keySum()).toByteArray();
    }

    static ToolCounts fromBytes(byte[] data) {
        CompactReader in = new CompactReader(data);
        if (in.readFormat("tool counts", FORMAT_WITHOUT_KEYS, FORMAT) == FORMAT_WITHOUT_KEYS) {
            return new ToolCounts(new Count(in.readVarLong(), 0), new Count(in.readVarLong(), 0));
        }
        return new ToolCounts(new Count(in.readVarLong(), in.readInt()), new Count(in.readVarLong(), in.readInt()));
    }
}

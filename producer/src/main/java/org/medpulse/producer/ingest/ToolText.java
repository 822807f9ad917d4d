package org.medpulse.producer.ingest;

/**
 * A tool entry as written, not yet validated: its name and its frequency text ({@code null} or
 * blank when none was given).
 */
public record ToolText(String name, String frequency) {

    /**
     * Splits {@code name[:FREQUENCY]} at its last {@code ':'}, so that a name may itself contain
     * colons when a frequency follows ({@code "Outil: v2:DAILY"}).
     */
    public static ToolText parse(String entry) {
        int colon = entry.lastIndexOf(':');
        return colon < 0
                ? new ToolText(entry, null)
                : new ToolText(entry.substring(0, colon), entry.substring(colon + 1));
    }

    /** How the entry reads in a partner file. */
    public String asWritten() {
        return frequency == null ? name : name + ":" + frequency;
    }
}

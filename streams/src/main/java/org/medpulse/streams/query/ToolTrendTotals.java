package org.medpulse.streams.query;

import java.util.List;
import java.util.Objects;

/**
 * One tool's adoption in every wave, for the respondents a filter keeps: one entry per wave,
 * sorted by wave, zeros included. {@code named} tells whether any response of any wave, whatever
 * the filter, lists the tool: a tool neither named nor in the catalogue is unknown.
 */
public record ToolTrendTotals(String toolId, boolean named, List<WaveTally> waves) {

    public ToolTrendTotals {
        Objects.requireNonNull(toolId, "toolId");
        waves = List.copyOf(waves);
    }

    /** The tool's tally in one wave, with the respondents of that wave the filter keeps. */
    public record WaveTally(String wave, long respondents, ToolTally tally) {
        public WaveTally {
            Objects.requireNonNull(wave, "wave");
            Objects.requireNonNull(tally, "tally");
        }
    }
}

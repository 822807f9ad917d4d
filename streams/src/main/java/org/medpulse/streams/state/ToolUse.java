package org.medpulse.streams.state;

import java.util.Objects;

/**
 * One tool in a latest response, already normalised: the catalogue id (or the slug of an unknown
 * name) and whether the respondent uses it regularly. Stored resolved, so that retracting a
 * response removes exactly what it added even if the catalogue changed in between.
 */
public record ToolUse(String tool, boolean regular) {

    public ToolUse {
        Objects.requireNonNull(tool, "tool");
    }
}

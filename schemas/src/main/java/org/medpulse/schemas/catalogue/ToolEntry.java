package org.medpulse.schemas.catalogue;

import java.util.List;
import java.util.Objects;

/**
 * One AI tool in the catalogue. {@code known} is false for a tool the catalogue does not list: it
 * is kept under the slug of its name so that it still counts.
 */
public record ToolEntry(String id, String name, String vendor, String category, List<String> aliases, boolean known) {

    public ToolEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** The entry of a tool that no catalogue entry matches. */
    public static ToolEntry unknown(String slug, String name) {
        return new ToolEntry(slug, name, null, null, List.of(), false);
    }
}

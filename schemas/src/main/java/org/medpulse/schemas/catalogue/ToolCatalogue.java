package org.medpulse.schemas.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.medpulse.schemas.vocabulary.Folding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Normalises the tool names respondents give to catalogue ids. Immutable: {@link #with(ToolEntry)}
 * returns an extended copy, so readers never see a half-updated catalogue.
 *
 * <p>Matching ignores case, accents and runs of spaces, hyphens, underscores and dots
 * ({@code "Chat GPT"}, {@code "chat-gpt"} → {@code chatgpt}), then tries explicit aliases. A name
 * nothing matches becomes a slug: lower case, accents stripped, each run of other characters one
 * hyphen ({@code "Outil interne"} → {@code outil-interne}).
 */
public final class ToolCatalogue {

    private static final String BUILT_IN = "/org/medpulse/schemas/catalogue/tools.json";
    private static final Pattern IGNORED = Pattern.compile("[\\s\\-_.]+");
    private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, ToolEntry> byId;
    private final Map<String, ToolEntry> byMatchKey;

    private ToolCatalogue(Map<String, ToolEntry> byId) {
        this.byId = Map.copyOf(byId);
        Map<String, ToolEntry> keys = new HashMap<>();
        // Ids and names first, then aliases, so an alias never hides another tool's own name.
        byId.values().forEach(e -> aliasesLast(e, keys));
        byId.values().forEach(e -> e.aliases().forEach(a -> keys.putIfAbsent(matchKey(a), e)));
        this.byMatchKey = Map.copyOf(keys);
    }

    private static void aliasesLast(ToolEntry entry, Map<String, ToolEntry> keys) {
        keys.put(matchKey(entry.id()), entry);
        keys.putIfAbsent(matchKey(entry.name()), entry);
    }

    /** The catalogue shipped with MedPulse (about twenty tools physicians use). */
    public static ToolCatalogue builtIn() {
        try (InputStream in = ToolCatalogue.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("Built-in tool catalogue " + BUILT_IN + " missing from the classpath");
            }
            List<EntryJson> entries = JSON.readValue(in, new TypeReference<>() { });
            return of(entries.stream().map(EntryJson::toEntry).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in tool catalogue", e);
        }
    }

    public static ToolCatalogue of(Collection<ToolEntry> entries) {
        Map<String, ToolEntry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        return new ToolCatalogue(byId);
    }

    /** A copy with {@code entry} added, or replacing the entry with the same id. */
    public ToolCatalogue with(ToolEntry entry) {
        Map<String, ToolEntry> copy = new LinkedHashMap<>(byId);
        copy.put(entry.id(), entry);
        return new ToolCatalogue(copy);
    }

    /** A copy with {@code entries} added, each replacing the entry with the same id. */
    public ToolCatalogue withAll(Collection<ToolEntry> entries) {
        Map<String, ToolEntry> copy = new LinkedHashMap<>(byId);
        entries.forEach(e -> copy.put(e.id(), e));
        return new ToolCatalogue(copy);
    }

    /**
     * Reads one entry in {@link EntryJson} shape, as operators publish them on the
     * {@code tool-catalogue} topic.
     *
     * @throws IllegalArgumentException when the JSON is malformed or the id is not a slug
     */
    public static ToolEntry parseEntry(String json) {
        EntryJson entry;
        try {
            entry = JSON.readValue(json, EntryJson.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a tool catalogue entry (JSON with id, name, vendor, category, "
                    + "aliases): " + e.getOriginalMessage(), e);
        }
        if (entry == null) {
            throw new IllegalArgumentException("Not a tool catalogue entry: JSON null");
        }
        return entry.toEntry();
    }

    /** The {@link EntryJson} form of {@code entry}, as published on the {@code tool-catalogue} topic. */
    public static String toJson(ToolEntry entry) {
        try {
            return JSON.writeValueAsString(new EntryJson(entry.id(), entry.name(), entry.vendor(), entry.category(),
                    entry.aliases()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write tool entry " + entry.id(), e);
        }
    }

    /** The catalogue entry {@code name} designates, or an unknown entry under its slug. */
    public ToolEntry resolve(String name) {
        return find(name).orElseGet(() -> ToolEntry.unknown(slug(name), name.trim()));
    }

    /** The catalogue entry {@code name} designates, if any. */
    public Optional<ToolEntry> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        ToolEntry entry = byMatchKey.get(matchKey(name));
        return entry != null ? Optional.of(entry) : Optional.ofNullable(byMatchKey.get(matchKey(slug(name))));
    }

    public Optional<ToolEntry> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<ToolEntry> entries() {
        return byId.values();
    }

    static String matchKey(String name) {
        return IGNORED.matcher(Folding.foldAccentsAndCase(name.trim())).replaceAll("");
    }

    /** {@code "Outil interne"} → {@code "outil-interne"}. */
    public static String slug(String name) {
        String slug = NON_SLUG.matcher(Folding.foldAccentsAndCase(name.trim())).replaceAll("-");
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }

    /** JSON shape of an entry, in the built-in resource and on the {@code tool-catalogue} topic. */
    public record EntryJson(String id, String name, String vendor, String category, List<String> aliases) {
        /**
         * @throws IllegalArgumentException unless the id is a slug (lower-case letters, digits and
         *         single inner hyphens), the form unknown tools are counted under
         */
        public ToolEntry toEntry() {
            if (id == null || id.isEmpty() || !id.equals(slug(id))) {
                throw new IllegalArgumentException("Tool id '" + id + "' is not a slug such as 'outil-interne'");
            }
            return new ToolEntry(id, name == null || name.isBlank() ? id : name, vendor, category, aliases, true);
        }
    }
}

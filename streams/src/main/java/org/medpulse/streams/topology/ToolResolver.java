package org.medpulse.streams.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medpulse.avro.ToolUsage;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.schemas.vocabulary.Vocabulary;
import org.medpulse.streams.state.ToolUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normalises a response's tools through the built-in catalogue extended by the operators' entries
 * of the global store. One per task (not thread-safe); rebuilt when the global thread reports a
 * change. Names already seen are memoised: folding accents per name is the costly part.
 */
final class ToolResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ToolResolver.class);
    private static final ToolCatalogue BUILT_IN = ToolCatalogue.builtIn();
    private static final int MEMO_LIMIT = 10_000;

    private final CatalogueVersion version;
    private final ReadOnlyKeyValueStore<String, String> operatorEntries;
    private final Map<String, ToolEntry> memo = new HashMap<>();
    private ToolCatalogue catalogue;
    private long seenVersion = Long.MIN_VALUE;

    ToolResolver(CatalogueVersion version, ReadOnlyKeyValueStore<String, String> operatorEntries) {
        this.version = version;
        this.operatorEntries = operatorEntries;
    }

    /**
     * The distinct tools of a response, sorted by id. A tool listed twice (under aliases) counts
     * once, as regular use if any listing is; a name without letters or digits is ignored.
     */
    List<ToolUse> resolve(List<ToolUsage> tools) {
        if (tools.isEmpty()) {
            return List.of();
        }
        refreshIfChanged();
        Map<String, Boolean> regularById = new TreeMap<>();
        for (ToolUsage usage : tools) {
            if (usage.getTool() == null) {
                continue;
            }
            ToolEntry entry = memo.computeIfAbsent(usage.getTool(), catalogue::resolve);
            if (entry.id().isEmpty()) {
                continue;
            }
            regularById.merge(entry.id(), Vocabulary.isRegularUse(usage.getFrequency()), Boolean::logicalOr);
        }
        List<ToolUse> uses = new ArrayList<>(regularById.size());
        regularById.forEach((id, regular) -> uses.add(new ToolUse(id, regular)));
        return uses;
    }

    private void refreshIfChanged() {
        long current = version.current();
        if (current == seenVersion && memo.size() < MEMO_LIMIT) {
            return;
        }
        if (current != seenVersion) {
            catalogue = BUILT_IN.withAll(readOperatorEntries());
            seenVersion = current;
        }
        memo.clear();
    }

    private List<ToolEntry> readOperatorEntries() {
        List<ToolEntry> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> all = operatorEntries.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> next = all.next();
                try {
                    entries.add(ToolCatalogue.parseEntry(next.value));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Skipping tool catalogue entry '{}': {}", next.key, e.getMessage());
                }
            }
        }
        return entries;
    }
}

package org.medpulse.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.state.SurveyStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@code tool-catalogue} store in step with the compacted {@code tool-catalogue}
 * topic (key: tool id; value: entry JSON; tombstone: remove the operator's entry, which brings a
 * built-in entry of that id back). An invalid entry is logged and skipped: a global thread that
 * throws stops the whole application.
 */
final class CatalogueUpdater implements Processor<String, String, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogueUpdater.class);

    private final CatalogueVersion version;
    private KeyValueStore<String, String> entries;

    CatalogueUpdater(CatalogueVersion version) {
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        entries = context.getStateStore(SurveyStores.TOOL_CATALOGUE);
    }

    @Override
    public void process(Record<String, String> record) {
        String id = record.key();
        if (id == null) {
            LOG.warn("Ignoring a tool catalogue record without key (the key must be the tool id)");
            return;
        }
        if (record.value() == null) {
            entries.delete(id);
            version.bump();
            return;
        }
        try {
            ToolEntry entry = ToolCatalogue.parseEntry(record.value());
            if (!entry.id().equals(id)) {
                throw new IllegalArgumentException("its id '" + entry.id() + "' differs from the record key '" + id + "'");
            }
            entries.put(id, record.value());
            version.bump();
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring tool catalogue entry '{}': {}", id, e.getMessage());
        }
    }
}

package org.medpulse.bench;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Kafka Streams applications that do less than the survey topology with the same responses, run
 * under the same settings (exactly-once, commit interval, RocksDB budget) to show where the time
 * goes on the machine measured: {@link #PASS_THROUGH} reads every record and does nothing with it;
 * {@link #ONE_STORE} also writes each record to one changelogged RocksDB store, the least a replay
 * that keeps each respondent's latest response must do (a lookup is only needed for a respondent
 * the store may already hold). No survey topology can be faster than the one-store baseline.
 * {@link #ONE_STORE_UNLOGGED} writes to the same store with its changelog disabled: the most that
 * a design keeping {@code responses-latest} without a changelog (rebuilt from the input topic
 * instead) could gain.
 */
enum Baselines {

    PASS_THROUGH("no store", "reads each record and does nothing with it"),
    ONE_STORE("one store", "only writes each record to one changelogged RocksDB store"),
    ONE_STORE_UNLOGGED("one store, no changelog",
            "only writes each record to one RocksDB store whose changelog is disabled");

    static final String STORE = "latest-only";

    private final String label;
    private final String description;

    Baselines(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    Topology buildTopology(String responsesTopic) {
        Topology topology = new Topology();
        topology.addSource("responses", new ByteArrayDeserializer(), new ByteArrayDeserializer(), responsesTopic);
        if (this == PASS_THROUGH) {
            topology.addProcessor("ignore", Ignore::new, "responses");
        } else {
            topology.addProcessor("keep", Keep::new, "responses");
            var store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(),
                    Serdes.ByteArray()).withCachingDisabled();
            topology.addStateStore(this == ONE_STORE_UNLOGGED ? store.withLoggingDisabled() : store, "keep");
        }
        return topology;
    }

    private static final class Ignore implements Processor<byte[], byte[], Void, Void> {

        @Override
        public void process(Record<byte[], byte[]> record) {
            // Reading the record is all this baseline measures.
        }
    }

    private static final class Keep implements Processor<byte[], byte[], Void, Void> {

        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            store.put(Bytes.wrap(record.key()), record.value());
        }
    }
}

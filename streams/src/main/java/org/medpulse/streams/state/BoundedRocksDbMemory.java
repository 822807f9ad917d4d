package org.medpulse.streams.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the JVM: one block cache shared by all
 * stores, and a write-buffer manager that charges memtables to that same cache, so the total
 * (blocks, index and filter blocks, memtables) stays near {@value #MEMORY_BYTES_CONFIG} bytes
 * however many partitions this instance hosts. Without it each store opens its own cache and
 * memtables (apache/kafka#18280).
 *
 * <p>Kafka Streams creates one setter per store, so the shared objects are per JVM, keyed by the
 * configured total, and live as long as the JVM (closing them under an open store would crash it).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String MEMORY_BYTES_CONFIG = "medpulse.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY_BYTES = 64L * 1024 * 1024;
    public static final long MIN_MEMORY_BYTES = 4L * 1024 * 1024;

    // Index and filter blocks get this share of the cache at high priority, so data blocks never evict them.
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    private static final Map<Long, SharedMemory> SHARED = new ConcurrentHashMap<>();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long total = totalBytes(configs);
        SharedMemory memory = SHARED.computeIfAbsent(total, SharedMemory::allocate);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        // Small memtables: dozens of stores share the budget and the manager flushes early anyway.
        options.setWriteBufferSize(Math.min(16L * 1024 * 1024, Math.max(1024 * 1024, total / 16)));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the manager are shared with other stores: they stay open.
    }

    static long totalBytes(Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_BYTES_CONFIG);
        if (configured == null) {
            return DEFAULT_MEMORY_BYTES;
        }
        long total = (Long) ConfigDef.parseType(MEMORY_BYTES_CONFIG, configured, ConfigDef.Type.LONG);
        return Math.max(MIN_MEMORY_BYTES, total);
    }

    private record SharedMemory(Cache cache, WriteBufferManager writeBuffers) {
        static SharedMemory allocate(long total) {
            Cache cache = new LRUCache(total, -1, false, HIGH_PRIORITY_SHARE);
            return new SharedMemory(cache, new WriteBufferManager(total / 2, cache));
        }
    }
}

package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    @Test
    void totalComesFromTheSettingWithAFloor() {
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of())).isEqualTo(64L * 1024 * 1024);
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, "134217728")))
                .isEqualTo(128L * 1024 * 1024);
        assertThat(BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 1L)))
                .isEqualTo(BoundedRocksDbMemory.MIN_MEMORY_BYTES);
    }

    @Test
    void everyStoreGetsSmallMemtablesChargedToTheSharedCache() {
        RocksDB.loadLibrary();
        Map<String, Object> configs = new HashMap<>(Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 32L * 1024 * 1024));
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
                Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
            setter.setConfig("usage-by-wave", first, configs);
            setter.setConfig("waves", second, configs);

            assertThat(first.writeBufferSize()).isEqualTo(2L * 1024 * 1024);
            assertThat(first.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(((BlockBasedTableConfig) first.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            assertThat(second.writeBufferSize()).isEqualTo(first.writeBufferSize());
        }
    }
}

package org.medpulse.producer.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The answers read so far in one file, by respondent, wave and submission instant: what tells a
 * correction (same key, other answers) from a redelivery (same key, same answers). The first
 * answers are held in memory; past {@link #IN_MEMORY_LIMIT} of them, all are moved to a temporary
 * RocksDB store on disk (deleted on close), so that memory does not grow with the file.
 */
final class EarlierAnswers implements AutoCloseable {

    /** About 8 MiB of heap: a partner's file of a wave rarely holds more rows. */
    static final int IN_MEMORY_LIMIT = 50_000;
    private static final long STORE_MEMORY_BYTES = 8L * 1024 * 1024;

    /** An answer read earlier: its line, and what it says ({@link ResponseIds#contentId}). */
    record Earlier(long line, UUID content) {
    }

    private final int inMemoryLimit;
    private final Map<String, Earlier> inMemory = new HashMap<>();
    private OnDisk onDisk;

    EarlierAnswers() {
        this(IN_MEMORY_LIMIT);
    }

    EarlierAnswers(int inMemoryLimit) {
        this.inMemoryLimit = inMemoryLimit;
    }

    /**
     * The answer first read with {@code key}, or null when there was none (this one is then
     * remembered as the first).
     */
    Earlier first(String key, long line, UUID content) throws IOException {
        if (onDisk != null) {
            return onDisk.first(key, new Earlier(line, content));
        }
        Earlier earlier = inMemory.putIfAbsent(key, new Earlier(line, content));
        if (earlier == null && inMemory.size() > inMemoryLimit) {
            onDisk = new OnDisk();
            for (Map.Entry<String, Earlier> entry : inMemory.entrySet()) {
                onDisk.put(entry.getKey(), entry.getValue());
            }
            inMemory.clear();
        }
        return earlier;
    }

    /** True once the answers are on disk. */
    boolean spilled() {
        return onDisk != null;
    }

    @Override
    public void close() throws IOException {
        if (onDisk != null) {
            onDisk.close();
            onDisk = null;
        }
    }

    /** A throwaway RocksDB store: no write-ahead log, small bounded memory. */
    private static final class OnDisk implements AutoCloseable {
        private final Path directory;
        private final LRUCache cache;
        private final BloomFilter filter;
        private final Options options;
        private final WriteOptions writes;
        private final RocksDB db;

        OnDisk() throws IOException {
            RocksDB.loadLibrary();
            directory = Files.createTempDirectory("medpulse-answers-");
            cache = new LRUCache(STORE_MEMORY_BYTES);
            filter = new BloomFilter(10);
            options = new Options()
                    .setCreateIfMissing(true)
                    .setWriteBufferSize(STORE_MEMORY_BYTES)
                    .setMaxWriteBufferNumber(2)
                    .setMaxBackgroundJobs(1)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(filter));
            writes = new WriteOptions().setDisableWAL(true);
            try {
                db = RocksDB.open(options, directory.toString());
            } catch (RocksDBException e) {
                closeOptions();
                throw new IOException("cannot open a temporary store in " + directory + ": " + e.getMessage(), e);
            }
        }

        Earlier first(String key, Earlier candidate) throws IOException {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            try {
                byte[] found = db.get(bytes);
                if (found != null) {
                    ByteBuffer value = ByteBuffer.wrap(found);
                    return new Earlier(value.getLong(), new UUID(value.getLong(), value.getLong()));
                }
                db.put(writes, bytes, encode(candidate));
                return null;
            } catch (RocksDBException e) {
                throw new IOException("temporary store in " + directory + ": " + e.getMessage(), e);
            }
        }

        void put(String key, Earlier earlier) throws IOException {
            try {
                db.put(writes, key.getBytes(StandardCharsets.UTF_8), encode(earlier));
            } catch (RocksDBException e) {
                throw new IOException("temporary store in " + directory + ": " + e.getMessage(), e);
            }
        }

        private static byte[] encode(Earlier earlier) {
            return ByteBuffer.allocate(24).putLong(earlier.line())
                    .putLong(earlier.content().getMostSignificantBits())
                    .putLong(earlier.content().getLeastSignificantBits())
                    .array();
        }

        @Override
        public void close() throws IOException {
            db.close();
            closeOptions();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }

        private void closeOptions() {
            writes.close();
            options.close();
            filter.close();
            cache.close();
        }
    }
}

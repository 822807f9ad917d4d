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

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import com.google.common.hash.Hashing;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The answers read so far in one file, by respondent, wave and submission instant: what tells a
 * correction (same key, other answers) from a redelivery (same key, same answers). The newest
 * answers are held in memory; each time more than {@link #IN_MEMORY_LIMIT} of them are, they are moved
 * together, in one write, to a temporary RocksDB store on disk (deleted on close), so that memory
 * does not grow with the file. A key is in memory or on disk, never in both.
 *
 * <p>Moving answers in batches rather than one write per row, with a filter that spares most
 * lookups and a store that never compacts (nothing is ever deleted or overwritten, and lookups
 * are rare), took the check of a file past the limit from about 6 µs of CPU per row to about 3.5
 * (a million keys, measured alone); what is left is mostly RocksDB inserting into its memtable.
 */
final class EarlierAnswers implements AutoCloseable {

    /** About 8 MiB of heap: a partner's file of a wave rarely holds more rows. */
    static final int IN_MEMORY_LIMIT = 50_000;
    private static final long STORE_MEMORY_BYTES = 8L * 1024 * 1024;
    /** Keys the on-disk store's filter is sized for (2.3 MiB of heap at 1% false positives). */
    static final int FILTERED_KEYS = 2_000_000;

    /** An answer read earlier: its line, and what it says ({@link ResponseIds#contentId}). */
    record Earlier(long line, UUID content) {
    }

    private final int inMemoryLimit;
    private final int filteredKeys;
    private final Map<String, Earlier> inMemory = new HashMap<>();
    private OnDisk onDisk;

    EarlierAnswers() {
        this(IN_MEMORY_LIMIT, FILTERED_KEYS);
    }

    EarlierAnswers(int inMemoryLimit, int filteredKeys) {
        this.inMemoryLimit = inMemoryLimit;
        this.filteredKeys = filteredKeys;
    }

    /**
     * The answer first read with {@code key}, or null when there was none (this one is then
     * remembered as the first).
     */
    Earlier first(String key, long line, UUID content) throws IOException {
        Earlier earlier = inMemory.get(key);
        if (earlier == null && onDisk != null) {
            earlier = onDisk.get(key);
        }
        if (earlier != null) {
            return earlier;
        }
        inMemory.put(key, new Earlier(line, content));
        if (inMemory.size() > inMemoryLimit) {
            if (onDisk == null) {
                onDisk = new OnDisk(filteredKeys);
            }
            onDisk.putAll(inMemory);
            inMemory.clear();
        }
        return null;
    }

    /** True once answers have moved to disk. */
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

    /**
     * A throwaway RocksDB store: no write-ahead log, small bounded memory. A Bloom filter of the
     * keys written, of a fixed size, spares the store most lookups: nearly every row of a file is
     * the first with its key, so nearly every lookup would find nothing. Past {@link #FILTERED_KEYS}
     * keys the filter answers "maybe" more and more often, which costs lookups, never a wrong answer.
     */
    private static final class OnDisk implements AutoCloseable {
        /** More files than any file's answers make (8 MiB of memtable a file). */
        private static final int NEVER_SLOW_DOWN = 1 << 20;
        private final Path directory;
        private final LRUCache cache;
        private final org.rocksdb.BloomFilter filter;
        private final Options options;
        private final WriteOptions writes;
        private final RocksDB db;
        /**
         * The keys written, by fingerprint: filtering the keys' bytes themselves (Guava hashes them
         * a byte at a time) cost more than the store.
         */
        private final BloomFilter<Long> written;

        OnDisk(int filteredKeys) throws IOException {
            written = BloomFilter.create(Funnels.longFunnel(), filteredKeys, 0.01);
            RocksDB.loadLibrary();
            directory = Files.createTempDirectory("medpulse-answers-");
            cache = new LRUCache(STORE_MEMORY_BYTES);
            filter = new org.rocksdb.BloomFilter(10);
            options = new Options()
                    .setCreateIfMissing(true)
                    .setWriteBufferSize(STORE_MEMORY_BYTES)
                    .setMaxWriteBufferNumber(2)
                    .setMaxBackgroundJobs(1)
                    // Keys are only ever added: compacting would merge files for the rare lookup
                    // and make writes wait for it. Each flush adds a file whose filter a lookup checks.
                    .setDisableAutoCompactions(true)
                    .setLevel0SlowdownWritesTrigger(NEVER_SLOW_DOWN)
                    .setLevel0StopWritesTrigger(NEVER_SLOW_DOWN)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(filter));
            writes = new WriteOptions().setDisableWAL(true);
            try {
                db = RocksDB.open(options, directory.toString());
            } catch (RocksDBException e) {
                closeOptions();
                throw new IOException("cannot open a temporary store in " + directory + ": " + e.getMessage(), e);
            }
        }

        /** The answer stored under {@code key}, if any. */
        Earlier get(String key) throws IOException {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (!written.mightContain(fingerprint(bytes))) {
                return null;
            }
            try {
                byte[] found = db.get(bytes);
                if (found == null) {
                    return null;
                }
                ByteBuffer value = ByteBuffer.wrap(found);
                return new Earlier(value.getLong(), new UUID(value.getLong(), value.getLong()));
            } catch (RocksDBException e) {
                throw new IOException("temporary store in " + directory + ": " + e.getMessage(), e);
            }
        }

        /** Stores {@code answers}, whose keys are not stored yet, in one write. */
        void putAll(Map<String, Earlier> answers) throws IOException {
            try (WriteBatch batch = new WriteBatch()) {
                for (Map.Entry<String, Earlier> answer : answers.entrySet()) {
                    byte[] key = answer.getKey().getBytes(StandardCharsets.UTF_8);
                    batch.put(key, encode(answer.getValue()));
                    written.put(fingerprint(key));
                }
                db.write(writes, batch);
            } catch (RocksDBException e) {
                throw new IOException("temporary store in " + directory + ": " + e.getMessage(), e);
            }
        }

        private static long fingerprint(byte[] key) {
            return Hashing.farmHashFingerprint64().hashBytes(key).asLong();
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

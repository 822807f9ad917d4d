package org.medpulse.streams.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The cache's memory is bounded in bytes, whatever the values weigh, and what expired is let go. */
class VersionedCacheTest {

    private static final StoreVersion.Version VERSION = new StoreVersion.Version(1, 1);

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void heldValuesNeverWeighMoreThanTheBudgetAndTheRecentlyUsedStay() {
        VersionedCache<Integer, byte[]> cache = new VersionedCache<>(100_000, value -> value.length, nanos::get);

        for (int i = 0; i < 1_000; i++) {
            cache.put(i, VERSION, nanos.get(), new byte[1_000 + i]);
            cache.get(0, VERSION, nanos.get()); // 0 is asked for all the time
        }

        assertThat(cache.bytesHeld()).isLessThanOrEqualTo(100_000).isGreaterThan(50_000);
        assertThat(cache.get(0, VERSION, nanos.get())).as("the value asked for all along").isPresent();
        assertThat(cache.get(999, VERSION, nanos.get())).as("the newest").isPresent();
        assertThat(cache.get(1, VERSION, nanos.get())).as("an old one never asked again").isEmpty();
    }

    @Test
    void aSingleHugeValueIsNotKept() {
        VersionedCache<Integer, byte[]> cache = new VersionedCache<>(100_000, value -> value.length, nanos::get);

        cache.put(1, VERSION, nanos.get(), new byte[1_000_000]);

        assertThat(cache.size()).isZero();
    }

    @Test
    void expiredValuesAreEvictedNotJustHidden() {
        VersionedCache<Integer, byte[]> cache = new VersionedCache<>(1_000_000, value -> value.length, nanos::get);
        for (int i = 0; i < 100; i++) {
            cache.put(i, VERSION, nanos.get(), new byte[100]);
        }

        nanos.addAndGet(VersionedCache.MAX_AGE.toNanos());

        assertThat(cache.size()).isZero();
        assertThat(cache.bytesHeld()).isZero();
    }

    @Test
    void aValueOfAnotherVersionIsNotServed() {
        VersionedCache<Integer, byte[]> cache = new VersionedCache<>(1_000_000, value -> value.length, nanos::get);
        cache.put(1, VERSION, nanos.get(), new byte[10]);

        assertThat(cache.get(1, new StoreVersion.Version(1, 2), nanos.get())).isEmpty();
        assertThat(cache.get(1, VERSION, nanos.get())).isPresent();
    }
}

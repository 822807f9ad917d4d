package org.medpulse.streams.state;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds the store of {@code inner} wrapped in a {@link WriteBehindKeyValueStore}. */
final class WriteBehindStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {

    private final StoreBuilder<KeyValueStore<K, V>> inner;
    private final int retainLimit;

    /** @param retainLimit see {@link WriteBehindKeyValueStore#WriteBehindKeyValueStore(KeyValueStore, int)} */
    WriteBehindStoreBuilder(StoreBuilder<KeyValueStore<K, V>> inner, int retainLimit) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.retainLimit = retainLimit;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        inner.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        inner.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public KeyValueStore<K, V> build() {
        return new WriteBehindKeyValueStore<>(inner.build(), retainLimit);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}

package org.medpulse.streams.query.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** Store iterators over a copy of a map's entries, in the map's order, as the tests' fake stores give them. */
final class KeyValueIterators {

    private KeyValueIterators() {
    }

    static <K, V> KeyValueIterator<K, V> over(Map<K, V> entries) {
        Iterator<Map.Entry<K, V>> each = new ArrayList<>(entries.entrySet()).iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return each.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                Map.Entry<K, V> entry = each.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public K peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
    }
}

package org.medpulse.streams.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the stream tasks that the operators' catalogue changed, so they rebuild their resolver.
 * One per topology: the global thread bumps it, stream threads read it.
 */
final class CatalogueVersion {

    private final AtomicLong version = new AtomicLong();

    long current() {
        return version.get();
    }

    void bump() {
        version.incrementAndGet();
    }
}

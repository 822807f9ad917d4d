package org.medpulse.streams.query.live;

import org.medpulse.streams.query.WaveTotals;

/**
 * Where the application announces a wave's current totals. Publishing the same totals twice is
 * harmless: only changes reach subscribers. The {@link WaveTotalsPoller} publishes what the reader
 * sees; the topology may also publish directly (e.g. from a processor) for lower latency.
 */
@FunctionalInterface
public interface WaveTotalsPublisher {

    void publish(WaveTotals totals);
}

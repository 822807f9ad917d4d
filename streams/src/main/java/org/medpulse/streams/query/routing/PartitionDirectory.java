package org.medpulse.streams.query.routing;

import java.util.Optional;

/** The current {@link PartitionPlacement}; empty while Kafka Streams cannot tell (not yet running). */
@FunctionalInterface
public interface PartitionDirectory {

    Optional<PartitionPlacement> placement();
}

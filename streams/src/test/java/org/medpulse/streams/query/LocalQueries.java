package org.medpulse.streams.query;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.streams.query.disclosure.Suppression;
import org.medpulse.streams.query.routing.PeerClient;
import org.medpulse.streams.query.routing.RoutedPartialAnswers;
import org.medpulse.streams.state.Mergeable;

/** The read side of one instance that holds every partition: the real router over in-memory stores. */
public final class LocalQueries {

    public static final HostInfo SELF = new HostInfo("127.0.0.1", 7070);

    private LocalQueries() {
    }

    /** Answers published with {@code policy}'s suppression to every audience. */
    public static QueryService over(InMemoryPartitions stores, SmallCellPolicy policy, Supplier<ToolCatalogue> catalogue) {
        return over(stores, suppressing(policy), catalogue);
    }

    /** {@code policy}'s suppression for every audience. */
    public static Disclosures suppressing(SmallCellPolicy policy) {
        Suppression suppression = new Suppression(policy);
        return new Disclosures(policy, suppression, suppression);
    }

    public static QueryService over(InMemoryPartitions stores, Disclosures disclosures, Supplier<ToolCatalogue> catalogue) {
        return new QueryService(new RoutedPartialAnswers(stores.directory(SELF), stores, NO_PEERS), disclosures, catalogue);
    }

    /** No other instance exists: being asked is a bug. */
    private static final PeerClient NO_PEERS = new PeerClient() {
        @Override
        public <P extends Mergeable<P>> CompletableFuture<Map<Integer, QueryResult<P>>> read(
                HostInfo peer, Question<P, ?> question, Set<Integer> partitions, ReadOptions options) {
            throw new AssertionError("A single instance asked a peer: " + peer);
        }
    };
}

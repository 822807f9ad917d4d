package org.medpulse.streams.query.peer;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;

/** What a peer that could not be asked means for the partitions it was asked for. */
final class PeerClients {

    private PeerClients() {
    }

    static <P> Map<Integer, QueryResult<P>> unreachable(Set<Integer> partitions, String message) {
        Map<Integer, QueryResult<P>> results = new TreeMap<>();
        partitions.forEach(p -> results.put(p, QueryResult.failure(FailureReason.UNREACHABLE, message)));
        return results;
    }
}

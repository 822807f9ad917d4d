package org.medpulse.streams.query.routing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.state.Mergeable;

/**
 * Asks another instance for its partitions' partial answers to a question. Completes with one
 * result per partition asked; whatever goes wrong on the way is a failure
 * ({@code FailureReason.UNREACHABLE}) for those partitions, never an exceptional completion.
 */
public interface PeerClient {

    <P extends Mergeable<P>> CompletableFuture<Map<Integer, QueryResult<P>>> read(HostInfo peer, Question<P, ?> question,
                                                                                  Set<Integer> partitions, ReadOptions options);
}

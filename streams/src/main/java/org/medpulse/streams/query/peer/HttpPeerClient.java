package org.medpulse.streams.query.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.routing.PeerClient;
import org.medpulse.streams.state.Mergeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PeerClient} over HTTP ({@link PeerProtocol}), requests and answers sealed with the peer
 * secret ({@link PeerSeal}). Only the partitions asked are taken from an answer: a peer answering
 * for another partition is not believed. Whatever goes wrong (refused connection, timeout, an error status, a
 * body it cannot read) comes back as {@link FailureReason#UNREACHABLE} for the partitions asked.
 */
public final class HttpPeerClient implements PeerClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPeerClient.class);

    private final HttpClient http;
    private final Duration timeout;
    private final PeerSeal seal;

    public HttpPeerClient(Duration timeout, PeerSeal seal) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
        this.seal = Objects.requireNonNull(seal, "seal");
    }

    @Override
    public <P extends Mergeable<P>> CompletableFuture<Map<Integer, QueryResult<P>>> read(HostInfo peer, Question<P, ?> question,
                                                                                         Set<Integer> partitions, ReadOptions options) {
        String path = PeerProtocol.path(question);
        PeerSeal.Sealed sealed = seal.sealRequest(path, PeerProtocol.encodeRequest(question, partitions, options));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + path))
                .timeout(timeout)
                .header("Accept", PeerSeal.CONTENT_TYPE).header("Content-Type", PeerSeal.CONTENT_TYPE)
                .header(PeerSeal.TIME_HEADER, Long.toString(sealed.time()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sealed.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return PeerClients.<P>unreachable(partitions, peer + " answered HTTP " + response.statusCode());
                    }
                    try {
                        Map<Integer, QueryResult<P>> answers =
                                PeerProtocol.decodeAnswer(question, seal.openAnswer(sealed.body(), response.body()));
                        answers.keySet().retainAll(partitions);
                        return answers;
                    } catch (Exception e) {
                        LOG.warn("Unreadable answer from {} to {}", peer, question, e);
                        return PeerClients.<P>unreachable(partitions, peer + " answered something unreadable");
                    }
                })
                .exceptionally(e -> PeerClients.unreachable(partitions, peer + " did not answer: " + e.getMessage()));
    }
}

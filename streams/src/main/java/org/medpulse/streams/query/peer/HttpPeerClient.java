package org.medpulse.streams.query.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * {@link PeerClient} over HTTP ({@link PeerProtocol}), carrying an {@code Authorization} header
 * when one is configured. Whatever goes wrong (refused connection, timeout, an error status, a
 * body it cannot read) comes back as {@link FailureReason#UNREACHABLE} for the partitions asked.
 */
public final class HttpPeerClient implements PeerClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPeerClient.class);

    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> authorization;

    public HttpPeerClient(Duration timeout, Optional<String> authorization) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
        this.authorization = authorization;
    }

    @Override
    public <P extends Mergeable<P>> CompletableFuture<Map<Integer, QueryResult<P>>> read(HostInfo peer, Question<P, ?> question,
                                                                                         Set<Integer> partitions, ReadOptions options) {
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + PeerProtocol.path(question));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PeerProtocol.encodeRequest(question, partitions, options)));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return PeerClients.<P>unreachable(partitions, peer + " answered HTTP " + response.statusCode());
                    }
                    try {
                        return PeerProtocol.decodeAnswer(question, response.body());
                    } catch (Exception e) {
                        LOG.warn("Unreadable answer from {} to {}", peer, question, e);
                        return PeerClients.<P>unreachable(partitions, peer + " answered something unreadable");
                    }
                })
                .exceptionally(e -> PeerClients.unreachable(partitions, peer + " did not answer: " + e.getMessage()));
    }
}

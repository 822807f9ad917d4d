package org.medpulse.streams.query.routing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link PeerClient} over HTTP ({@link PeerProtocol}), carrying the API token when one is set.
 * Whatever goes wrong (refused connection, timeout, an error status, a body it cannot read) comes
 * back as {@link PartitionFailure#UNREACHABLE} for the partitions asked.
 */
public final class HttpPeerClient implements PeerClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpPeerClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> authorization;

    public HttpPeerClient(Duration timeout, Optional<String> authorization) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
        this.authorization = authorization;
    }

    @Override
    public <T> CompletableFuture<Map<Integer, PartitionResult<T>>> read(HostInfo peer, PartialQuery<T> query,
                                                                        Set<Integer> partitions, ReadOptions options) {
        HttpRequest.Builder request = HttpRequest.newBuilder(PeerProtocol.uri(peer, query, partitions, options))
                .timeout(timeout).header("Accept", "application/json").GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .<Map<Integer, PartitionResult<T>>>thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return PartitionResult.<T>allFailed(partitions, PartitionFailure.UNREACHABLE, peer + " answered HTTP " + response.statusCode());
                    }
                    try {
                        return PeerProtocol.decode(query, JSON.readTree(response.body()));
                    } catch (Exception e) {
                        LOG.warn("Unreadable answer from {} to {}", peer, query, e);
                        return PartitionResult.<T>allFailed(partitions, PartitionFailure.UNREACHABLE, peer + " answered something unreadable");
                    }
                })
                .exceptionally(e -> PartitionResult.allFailed(partitions, PartitionFailure.UNREACHABLE, peer + " did not answer: " + e.getMessage()));
    }
}

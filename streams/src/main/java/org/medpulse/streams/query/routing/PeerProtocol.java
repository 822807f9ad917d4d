package org.medpulse.streams.query.routing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.streams.state.HostInfo;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.ReadOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How instances ask each other for partitions' partial answers:
 * {@code GET /internal/v1/partitions/{kind}?partitions=0,3&allowStale=false&<query parameters>},
 * answered with {@code {"partitions":{"0":{"value":…},"3":{"failure":"NOT_ACTIVE","message":"…"}}}}.
 * The client and the server both use this class, so the two sides cannot drift apart.
 */
public final class PeerProtocol {

    public static final String PATH_PREFIX = "/internal/v1/partitions/";
    public static final String ROUTE = PATH_PREFIX + "{kind}";
    public static final String PARTITIONS = "partitions";
    public static final String ALLOW_STALE = "allowStale";

    private PeerProtocol() {
    }

    public static <T> URI uri(HostInfo peer, PartialQuery<T> query, Set<Integer> partitions, ReadOptions options) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(PARTITIONS, new TreeSet<>(partitions).stream().map(String::valueOf).collect(Collectors.joining(",")));
        parameters.put(ALLOW_STALE, Boolean.toString(options.isStaleAllowed()));
        parameters.putAll(query.parameters());
        String queryString = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create("http://" + peer.host() + ":" + peer.port() + PATH_PREFIX + query.kind() + "?" + queryString);
    }

    /** The request a peer received: which query, for which partitions, how fresh. */
    public record Request(PartialQuery<?> query, Set<Integer> partitions, ReadOptions options) {
    }

    /** Parses a peer's request from the route's {@code kind} and its single-valued query parameters. */
    public static Request parse(String kind, Map<String, String> parameters) {
        Map<String, String> rest = new LinkedHashMap<>(parameters);
        String partitions = rest.remove(PARTITIONS);
        String stale = rest.remove(ALLOW_STALE);
        if (partitions == null || partitions.isBlank()) {
            throw new InvalidParameterException(PARTITIONS, "Missing 'partitions'");
        }
        Set<Integer> parsed = new TreeSet<>();
        try {
            for (String partition : partitions.split(",")) {
                parsed.add(Integer.parseInt(partition.trim()));
            }
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(PARTITIONS, "Bad 'partitions': " + partitions);
        }
        return new Request(PartialQuery.parse(kind, rest), parsed, ReadOptions.staleAllowed(Boolean.parseBoolean(stale)));
    }

    /** Answers a peer's request from this instance's stores. */
    public static ObjectNode answer(PartitionedStores stores, Request request) {
        return answer(stores, request.query(), request);
    }

    private static <T> ObjectNode answer(PartitionedStores stores, PartialQuery<T> query, Request request) {
        return encode(query, stores.read(query, request.partitions(), request.options()));
    }

    public static <T> ObjectNode encode(PartialQuery<T> query, Map<Integer, PartitionResult<T>> results) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ObjectNode partitions = json.putObject(PARTITIONS);
        results.forEach((partition, result) -> {
            ObjectNode entry = partitions.putObject(Integer.toString(partition));
            if (result instanceof PartitionResult.Answered<T> answered) {
                entry.set("value", query.encode(answered.value()));
            } else {
                PartitionResult.Failed<T> failed = (PartitionResult.Failed<T>) result;
                entry.put("failure", failed.failure().name()).put("message", failed.message());
            }
        });
        return json;
    }

    public static <T> Map<Integer, PartitionResult<T>> decode(PartialQuery<T> query, JsonNode json) {
        Map<Integer, PartitionResult<T>> results = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get(PARTITIONS).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode result = entry.getValue();
            results.put(Integer.parseInt(entry.getKey()), result.has("value")
                    ? PartitionResult.answered(query.decode(result.get("value")))
                    : PartitionResult.failed(PartitionFailure.valueOf(result.get("failure").asText()),
                            result.path("message").asText()));
        }
        return results;
    }
}

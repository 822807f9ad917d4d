package org.medpulse.streams.query.peer;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.medpulse.streams.query.FailureReason;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.QueryResult;
import org.medpulse.streams.query.Question;
import org.medpulse.streams.query.QuestionType;
import org.medpulse.streams.query.QuestionTypes;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.state.Mergeable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How instances ask each other for partitions' partial answers, for every question alike:
 * {@code POST /internal/v1/partitions/{question}} with
 * {@code {"parameters":{…the question…},"partitions":[0,3],"allowStale":false}}, answered with
 * {@code {"partitions":{"0":{"value":…},"3":{"failure":"NOT_ACTIVE","message":"…"}}}}. Questions
 * and partial answers are written by Jackson from their own fields; only question types the
 * instance was given are read back. The client and the server both use this class, so the two
 * sides cannot drift apart.
 */
public final class PeerProtocol {

    public static final String PATH_PREFIX = "/internal/v1/partitions/";
    public static final String ROUTE = PATH_PREFIX + "{question}";

    static final String PARAMETERS = "parameters";
    static final String PARTITIONS = "partitions";
    static final String ALLOW_STALE = "allowStale";

    // Only declared fields travel: no is-getters (isEmpty()) and nothing unexpected read back.
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PeerProtocol() {
    }

    /** The request a peer received: which question, for which partitions, how fresh. */
    public record Request(Question<?, ?> question, Set<Integer> partitions, ReadOptions options) {
    }

    /** The path a question is asked at. */
    public static String path(Question<?, ?> question) {
        return PATH_PREFIX + question.type().name();
    }

    public static byte[] encodeRequest(Question<?, ?> question, Set<Integer> partitions, ReadOptions options) {
        ObjectNode json = JSON.createObjectNode();
        json.set(PARAMETERS, JSON.valueToTree(question));
        ArrayNode asked = json.putArray(PARTITIONS);
        new TreeSet<>(partitions).forEach(asked::add);
        json.put(ALLOW_STALE, options.isStaleAllowed());
        return write(json);
    }

    /** Reads a peer's request for question {@code name}; unknown questions and bad bodies are a 400. */
    public static Request decodeRequest(QuestionTypes types, String name, byte[] body) {
        QuestionType<?> type = types.named(name).orElseThrow(() ->
                new InvalidParameterException("question", "Unknown question '" + name + "'"));
        try {
            JsonNode json = JSON.readTree(body);
            Question<?, ?> question = JSON.treeToValue(json.get(PARAMETERS), type.questionClass());
            Set<Integer> partitions = new TreeSet<>();
            for (JsonNode partition : json.withArray(PARTITIONS)) {
                if (!partition.canConvertToInt()) {
                    throw new InvalidParameterException(PARTITIONS, "Bad partition " + partition);
                }
                partitions.add(partition.intValue());
            }
            if (partitions.isEmpty()) {
                throw new InvalidParameterException(PARTITIONS, "No partition asked");
            }
            return new Request(question, partitions, ReadOptions.staleAllowed(json.path(ALLOW_STALE).asBoolean(false)));
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof InvalidParameterException invalid) {
                throw invalid;
            }
            throw new InvalidParameterException(PARAMETERS, "Unreadable '" + name + "' request: " + e.getMessage());
        }
    }

    public static <P> byte[] encodeAnswer(Map<Integer, QueryResult<P>> results) {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode partitions = json.putObject(PARTITIONS);
        results.forEach((partition, result) -> {
            ObjectNode entry = partitions.putObject(Integer.toString(partition));
            if (result instanceof QueryResult.Success<P> answered) {
                entry.set("value", JSON.valueToTree(answered.result()));
            } else {
                QueryResult.Failure<P> failed = (QueryResult.Failure<P>) result;
                entry.put("failure", failed.reason().name()).put("message", failed.message());
            }
        });
        return write(json);
    }

    /** The partial answers in a peer's reply to {@code question}; throws if it cannot be read. */
    public static <P extends Mergeable<P>> Map<Integer, QueryResult<P>> decodeAnswer(Question<P, ?> question, byte[] body)
            throws IOException {
        Map<Integer, QueryResult<P>> results = new TreeMap<>();
        JsonNode json = JSON.readTree(body);
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get(PARTITIONS).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode result = entry.getValue();
            results.put(Integer.parseInt(entry.getKey()), result.has("value")
                    ? QueryResult.success(JSON.readerFor(JSON.getTypeFactory().constructType(question.type().partial()))
                            .readValue(result.get("value")))
                    : QueryResult.failure(FailureReason.valueOf(result.get("failure").asText()),
                            result.path("message").asText()));
        }
        return results;
    }

    private static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a peer message", e);
        }
    }
}

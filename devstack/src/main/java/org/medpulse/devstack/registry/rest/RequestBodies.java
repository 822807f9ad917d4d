package org.medpulse.devstack.registry.rest;

import java.io.IOException;

import org.medpulse.devstack.registry.core.RegistryException;
import org.medpulse.devstack.registry.core.SchemaRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.javalin.http.Context;

/**
 * Reads request bodies the way Confluent's REST layer does: an unsupported content type is 415,
 * JSON that does not parse or has the wrong shape is 400 (error_code 400), a missing schema is
 * 42201.
 */
final class RequestBodies {

    private final ObjectMapper json;

    RequestBodies(ObjectMapper json) {
        this.json = json;
    }

    /** A register, look-up or compatibility request: {@code {"schema":…,"schemaType"?:…,"references"?:[…]}}. */
    SchemaRequest schemaRequest(Context ctx) {
        JsonNode body = read(ctx);
        if (body.isMissingNode() || body.isNull()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        requireObject(body);
        JsonNode references = body.path("references");
        if (!references.isMissingNode() && !references.isNull() && !references.isArray()) {
            throw badRequest("\"references\" must be an array");
        }
        return new SchemaRequest(
                text(body, "schema"),
                text(body, "schemaType"),
                references.isArray() && !references.isEmpty(),
                integer(body, "version"),
                integer(body, "id"));
    }

    /** The level in {@code {"compatibility":"FULL"}} (Confluent's field; {@code compatibilityLevel} is accepted too). */
    String compatibility(Context ctx) {
        JsonNode body = read(ctx);
        if (body.isMissingNode() || body.isNull()) {
            return null;
        }
        requireObject(body);
        String level = text(body, "compatibility");
        return level != null ? level : text(body, "compatibilityLevel");
    }

    private JsonNode read(Context ctx) {
        if (!MediaTypes.isAcceptedRequestType(ctx.contentType())) {
            throw new RegistryException(415, 415, ErrorMessage.ofStatus(415).message());
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode body = json.readTree(bytes);
            return body == null ? MissingNode.getInstance() : body;
        } catch (JsonProcessingException e) {
            throw badRequest(e.getOriginalMessage());
        } catch (IOException e) {
            throw badRequest("Cannot read the request body: " + e.getMessage());
        }
    }

    private static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw badRequest("Cannot deserialize the request from " + body.getNodeType() + ": a JSON object is expected");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw badRequest("\"" + field + "\" must be a JSON string, not " + value.getNodeType());
        }
        return value.asText();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw badRequest("\"" + field + "\" must be an integer, not " + value);
        }
        return value.asInt();
    }

    private static RegistryException badRequest(String message) {
        return new RegistryException(400, 400, message);
    }
}

package org.medpulse.devstack.registry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.medpulse.devstack.registry.core.SchemaRequest;
import org.medpulse.devstack.registry.core.StoreRecord;
import org.medpulse.serde.registry.CompatibilityLevel;
import org.medpulse.serde.registry.InvalidCompatibilityLevelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Records as Confluent Schema Registry writes them to {@code _schemas}: JSON keys such as
 * {@code {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}}, JSON values, and null values
 * (tombstones) for permanent deletes. Keeping Confluent's format means a topic written by one can
 * be read by the other. Key types this registry has no use for (NOOP, MODE, CONTEXT…) are skipped.
 */
final class SchemasTopicFormat {

    private static final Logger LOG = LoggerFactory.getLogger(SchemasTopicFormat.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String SCHEMA = "SCHEMA";
    static final String CONFIG = "CONFIG";
    static final String DELETE_SUBJECT = "DELETE_SUBJECT";

    /** A record as a Kafka key and value; {@code value} is null for a tombstone. */
    record Encoded(byte[] key, byte[] value) {
    }

    private SchemasTopicFormat() {
    }

    static Encoded encode(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion version) {
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", version.subject())
                    .put("version", version.version())
                    .put("id", version.id())
                    .put("schema", version.schema())
                    .put("deleted", version.deleted());
            return new Encoded(schemaKey(version.subject(), version.version()), bytes(value));
        }
        if (record instanceof StoreRecord.SchemaVersionTombstone tombstone) {
            return new Encoded(schemaKey(tombstone.subject(), tombstone.version()), null);
        }
        if (record instanceof StoreRecord.SubjectDeleted deleted) {
            ObjectNode key = JSON.createObjectNode()
                    .put("keytype", DELETE_SUBJECT)
                    .put("subject", deleted.subject())
                    .put("magic", 0);
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", deleted.subject())
                    .put("version", deleted.upToVersion());
            return new Encoded(bytes(key), bytes(value));
        }
        if (record instanceof StoreRecord.Config config) {
            ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", config.level().name());
            return new Encoded(configKey(config.subject()), bytes(value));
        }
        if (record instanceof StoreRecord.ConfigTombstone tombstone) {
            return new Encoded(configKey(tombstone.subject()), null);
        }
        throw new IllegalArgumentException("Unknown record " + record);
    }

    /** The record a Kafka key and value hold; empty for keys this registry ignores. */
    static Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = tree(keyBytes);
        JsonNode value = valueBytes == null ? null : tree(valueBytes);
        String keyType = key.path("keytype").asText();
        String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
        switch (keyType) {
            case SCHEMA:
                int version = key.path("version").asInt();
                if (value == null) {
                    return Optional.of(new StoreRecord.SchemaVersionTombstone(subject, version));
                }
                String schemaType = value.path("schemaType").asText(SchemaRequest.AVRO);
                if (!schemaType.equals(SchemaRequest.AVRO) || !value.path("references").isEmpty()) {
                    LOG.warn("Ignoring {} version {}: {} schemas and schema references are not supported",
                            subject, version, schemaType);
                    return Optional.empty();
                }
                return Optional.of(new StoreRecord.SchemaVersion(subject, version, value.path("id").asInt(),
                        value.path("schema").asText(), value.path("deleted").asBoolean(false)));
            case CONFIG:
                Optional<CompatibilityLevel> level = value == null
                        ? Optional.empty()
                        : level(value.path("compatibilityLevel").asText(null));
                return Optional.of(level
                        .<StoreRecord>map(l -> new StoreRecord.Config(subject, l))
                        .orElseGet(() -> new StoreRecord.ConfigTombstone(subject)));
            case DELETE_SUBJECT:
                return value == null
                        ? Optional.empty()
                        : Optional.of(new StoreRecord.SubjectDeleted(subject, value.path("version").asInt()));
            default:
                return Optional.empty();
        }
    }

    /** A CONFIG value may carry other settings and no level (Confluent's normalize, alias…). */
    private static Optional<CompatibilityLevel> level(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompatibilityLevel.parse(name));
        } catch (InvalidCompatibilityLevelException e) {
            LOG.warn("Ignoring unknown compatibility level {}", name);
            return Optional.empty();
        }
    }

    private static byte[] schemaKey(String subject, int version) {
        return bytes(JSON.createObjectNode()
                .put("keytype", SCHEMA)
                .put("subject", subject)
                .put("version", version)
                .put("magic", 1));
    }

    private static byte[] configKey(String subject) {
        ObjectNode key = JSON.createObjectNode().put("keytype", CONFIG);
        if (subject != null) {
            key.put("subject", subject);
        }
        return bytes(key.put("magic", 0));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getMessage(), e);
        }
    }
}

package org.medpulse.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.medpulse.schemas.registry.SchemaRegistryClient;
import org.medpulse.schemas.registry.SchemaRegistryClients;
import org.medpulse.schemas.registry.SchemaRegistryException;

/**
 * Writes Avro records (specific or generic) in the Confluent wire format, registering or looking
 * up their schema once per (subject, schema) and caching the id, so the hot path makes no registry
 * call.
 */
public class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();

    public ConfluentAvroSerializer() {
    }

    /** For callers that share one registry client (e.g. tests and the embedded stack). */
    public ConfluentAvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        if (registry == null) {
            registry = SchemaRegistryClients.create(config);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("Serializer used before configure()");
        }
        Schema schema = data.getSchema();
        String subject = config.subjectNameStrategy(isKey).subject(topic, isKey, schema);
        int id = ids.computeIfAbsent(new SubjectSchema(subject, schema), this::resolveId);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.write(WireFormat.header(id));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(data).write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialise " + schema.getFullName() + " for topic '" + topic
                    + "' with schema id " + id + ": " + e.getMessage(), e);
        }
    }

    private int resolveId(SubjectSchema key) {
        try {
            if (config.useLatestVersion()) {
                return registry.getLatestSchema(key.subject()).id();
            }
            return config.autoRegisterSchemas()
                    ? registry.register(key.subject(), key.schema())
                    : registry.getId(key.subject(), key.schema());
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Schema registry refused schema " + key.schema().getFullName()
                    + " for subject '" + key.subject() + "': " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumWriter<T> writerFor(T data) {
        return data instanceof SpecificRecord
                ? new SpecificDatumWriter<>(data.getSchema())
                : new GenericDatumWriter<>(data.getSchema());
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}

package org.medpulse.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.medpulse.schemas.registry.SchemaRegistryClient;
import org.medpulse.schemas.registry.SchemaRegistryClients;
import org.medpulse.schemas.registry.SchemaRegistryException;

/**
 * Reads the Confluent wire format. The writer schema is fetched by id (once, then cached) and
 * resolved against the reader schema: the target class's schema when one is given or
 * {@code specific.avro.reader=true}, otherwise the writer schema itself (generic records).
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private final Class<T> targetType;
    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** Generic records, or specific ones with {@code specific.avro.reader=true}. */
    public ConfluentAvroDeserializer() {
        this(null, null);
    }

    /** Always decodes into {@code targetType}, a generated SpecificRecord class. */
    public ConfluentAvroDeserializer(Class<T> targetType) {
        this(targetType, null);
    }

    public ConfluentAvroDeserializer(Class<T> targetType, SchemaRegistryClient registry) {
        this.targetType = targetType;
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        if (registry == null) {
            registry = SchemaRegistryClients.create(config);
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("Deserializer used before configure()");
        }
        int id = WireFormat.schemaId(payload);
        DatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE, null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Record body in topic '" + topic + "' does not match writer schema id "
                    + id + " (" + writerSchemas.get(id).getFullName() + "): " + e, e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        Schema writer = writerSchemas.computeIfAbsent(id, this::fetch);
        Schema readerSchema = readerSchema(writer);
        if (readerSchema == null) {
            return new GenericDatumReader<>(writer);
        }
        return new SpecificDatumReader<>(writer, readerSchema);
    }

    private Schema readerSchema(Schema writer) {
        if (targetType != null) {
            return SpecificData.get().getSchema(targetType);
        }
        if (config.specificAvroReader()) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("specific.avro.reader is set but no generated class exists for "
                        + writer.getFullName());
            }
            return SpecificData.get().getSchema(generated);
        }
        return null;
    }

    private Schema fetch(int id) {
        try {
            return registry.getSchemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new SerializationException("Unknown schema id " + id + ": the registry has no such schema", e);
            }
            throw new SerializationException("Cannot fetch schema id " + id + " from the registry: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}

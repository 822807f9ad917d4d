package org.medpulse.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.medpulse.serde.registry.SchemaNotFoundException;
import org.medpulse.serde.registry.SchemaRegistryClient;
import org.medpulse.serde.registry.SchemaRegistryClients;
import org.medpulse.serde.registry.SchemaRegistryException;

/**
 * Reads the Confluent wire format. The writer schema is fetched by id once, then cached, and
 * resolved against the reader schema (Avro schema resolution), so records written with an older or
 * newer compatible schema decode into the current classes. The reader schema is: the target
 * class's, when one is given; the one given to {@link #generic(Schema)}; the generated class named
 * like the writer schema with {@code specific.avro.reader=true}; otherwise the writer schema itself
 * (generic records as written).
 *
 * <p>Decoding is strict: a body that does not match its writer schema, including one with bytes
 * left over after the record, is a {@link SerializationException} whose message says what is wrong,
 * as is a bad header, an unknown schema id or a registry that cannot be reached. Nothing else
 * escapes {@link #deserialize(String, byte[])}.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private final Class<T> targetType;
    private final Schema genericReaderSchema;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroSerdeConfig config;
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();
    private final Map<Integer, ReadPlan<T>> plans = new ConcurrentHashMap<>();

    /** Generic records, or specific ones with {@code specific.avro.reader=true}. */
    public ConfluentAvroDeserializer() {
        this(null, null, null);
    }

    /** As {@link #ConfluentAvroDeserializer()}, sharing an existing registry client. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry) {
        this(null, null, Objects.requireNonNull(registry, "registry"));
    }

    /** Always decodes into {@code targetType}, a generated SpecificRecord class. */
    public ConfluentAvroDeserializer(Class<T> targetType) {
        this(Objects.requireNonNull(targetType, "targetType"), null, null);
    }

    /**
     * As {@link #ConfluentAvroDeserializer(Class)}, sharing an existing registry client (null: one
     * made from the configuration).
     */
    public ConfluentAvroDeserializer(Class<T> targetType, SchemaRegistryClient registry) {
        this(targetType, null, registry);
    }

    private ConfluentAvroDeserializer(Class<T> targetType, Schema genericReaderSchema, SchemaRegistryClient registry) {
        if (targetType != null && !SpecificRecord.class.isAssignableFrom(targetType)) {
            throw new IllegalArgumentException(targetType.getName() + " is not a generated Avro SpecificRecord class");
        }
        this.targetType = targetType;
        this.genericReaderSchema = genericReaderSchema;
        this.registry = registry;
    }

    /** Generic records in {@code readerSchema}, whatever compatible schema they were written with. */
    public static ConfluentAvroDeserializer<GenericRecord> generic(Schema readerSchema) {
        return new ConfluentAvroDeserializer<>(null, Objects.requireNonNull(readerSchema, "readerSchema"), null);
    }

    /** As {@link #generic(Schema)}, sharing an existing registry client. */
    public static ConfluentAvroDeserializer<GenericRecord> generic(Schema readerSchema, SchemaRegistryClient registry) {
        return new ConfluentAvroDeserializer<>(null, Objects.requireNonNull(readerSchema, "readerSchema"),
                Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        if (registry == null) {
            registry = SchemaRegistryClients.create(config.registryClient());
            ownsRegistry = true;
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
        int id;
        try {
            id = WireFormat.schemaId(payload);
        } catch (SerializationException e) {
            throw new SerializationException(context(topic) + e.getMessage());
        }
        ReadPlan<T> plan = plan(topic, id);
        StrictBinaryDecoder decoder = new StrictBinaryDecoder(payload, WireFormat.HEADER_SIZE,
                payload.length - WireFormat.HEADER_SIZE, plan.arrayItemsTakeBytes);
        T value;
        try {
            value = plan.reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(mismatch(topic, id, plan.writer, describe(e)), e);
        }
        if (decoder.remaining() > 0) {
            throw new SerializationException(mismatch(topic, id, plan.writer, decoder.remaining()
                    + " trailing byte(s) left after the end of the record"));
        }
        return value;
    }

    private ReadPlan<T> plan(String topic, int id) {
        ReadPlan<T> plan = plans.get(id);
        if (plan == null) {
            // Built outside the map's lock: fetching may take the registry's retries.
            plan = newPlan(topic, id);
            ReadPlan<T> raced = plans.putIfAbsent(id, plan);
            plan = raced != null ? raced : plan;
        }
        return plan;
    }

    private ReadPlan<T> newPlan(String topic, int id) {
        Schema writer = writerSchema(topic, id);
        Schema reader = readerSchema(topic, id, writer);
        boolean itemsTakeBytes = StrictBinaryDecoder.arrayItemsTakeBytes(writer);
        if (reader == null) {
            return new ReadPlan<>(writer, new GenericDatumReader<>(writer), itemsTakeBytes);
        }
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            String reasons = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            throw new SerializationException(context(topic) + "writer schema id " + id + " (" + writer.getFullName()
                    + ") cannot be read as " + reader.getFullName() + ": " + reasons);
        }
        DatumReader<T> datumReader = genericReaderSchema != null
                ? new GenericDatumReader<>(writer, reader)
                : new SpecificDatumReader<>(writer, reader);
        return new ReadPlan<>(writer, datumReader, itemsTakeBytes);
    }

    private Schema writerSchema(String topic, int id) {
        Schema cached = writerSchemas.get(id);
        if (cached != null) {
            return cached;
        }
        Schema fetched;
        try {
            fetched = registry.getSchemaById(id);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException(context(topic) + "unknown schema id " + id
                    + ": the schema registry has no such schema (" + e.getMessage() + ")", e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(context(topic) + "cannot fetch writer schema id " + id
                    + " from the schema registry: " + e.getMessage(), e);
        }
        writerSchemas.putIfAbsent(id, fetched);
        return fetched;
    }

    /** The schema to decode into, or null to decode generic records as written. */
    private Schema readerSchema(String topic, int id, Schema writer) {
        if (targetType != null) {
            return SpecificData.get().getSchema(targetType);
        }
        if (genericReaderSchema != null) {
            return genericReaderSchema;
        }
        if (config.specificAvroReader()) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new SerializationException(context(topic) + "specific.avro.reader is set but no generated class "
                        + "exists for " + writer.getFullName() + " (writer schema id " + id + ")");
            }
            return SpecificData.get().getSchema(generated);
        }
        return null;
    }

    private static String context(String topic) {
        return "Cannot deserialise a record of topic '" + topic + "': ";
    }

    private static String mismatch(String topic, int id, Schema writer, String detail) {
        return context(topic) + "its body does not match writer schema id " + id + " (" + writer.getFullName()
                + "): " + detail;
    }

    private static String describe(Exception e) {
        if (e instanceof EOFException) {
            return "the body ends before the record does (truncated)";
        }
        if (e instanceof StrictBinaryDecoder.MalformedDataException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
    }

    private record ReadPlan<T>(Schema writer, DatumReader<T> reader, boolean arrayItemsTakeBytes) {
    }
}

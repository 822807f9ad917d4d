package org.medpulse.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.medpulse.serde.registry.RegisteredSchema;
import org.medpulse.serde.registry.SchemaRegistryClient;
import org.medpulse.serde.registry.SchemaRegistryClients;
import org.medpulse.serde.registry.SchemaRegistryException;

/**
 * Writes Avro records (specific or generic) in the Confluent wire format. The schema id is
 * resolved once per (subject, schema) and cached with everything else a record needs, so the hot
 * path makes no registry call:
 * <ul>
 * <li>{@code auto.register.schemas=true} (default): registers the record's schema under its subject;</li>
 * <li>{@code auto.register.schemas=false}: looks the record's schema up under its subject and fails if
 * it is not there;</li>
 * <li>{@code use.latest.version=true} (with {@code auto.register.schemas=false}): writes with the
 * subject's latest schema, converting the record to it by Avro schema resolution.</li>
 * </ul>
 */
public class ConfluentAvroSerializer<T extends GenericContainer> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroSerdeConfig config;
    private boolean isKey;
    private SubjectNameStrategy subjectNames;
    private final Map<PlanKey, WritePlan> plans = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();

    public ConfluentAvroSerializer() {
    }

    /** For callers that share one registry client (e.g. tests and the embedded stack). */
    public ConfluentAvroSerializer(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig parsed = new AvroSerdeConfig(configs);
        if (parsed.useLatestVersion() && parsed.autoRegisterSchemas()) {
            throw new ConfigException(AvroSerdeConfig.USE_LATEST_VERSION + "=true writes with the subject's latest "
                    + "schema and so needs " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false (registering the "
                    + "record's own schema contradicts it)");
        }
        this.config = parsed;
        this.isKey = isKey;
        this.subjectNames = parsed.subjectNameStrategy(isKey);
        if (registry == null) {
            registry = SchemaRegistryClients.create(parsed.registryClient());
            ownsRegistry = true;
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
        String subject = subjectNames.subject(topic, isKey, schema);
        WritePlan plan = plan(new PlanKey(subject, schema, data instanceof SpecificRecord));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            out.write(plan.header);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            plan.write(data, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialise " + schema.getFullName() + " for topic '" + topic
                    + "' (subject '" + subject + "', schema id " + plan.schemaId + "): " + e.getMessage(), e);
        }
    }

    private WritePlan plan(PlanKey key) {
        WritePlan plan = plans.get(key);
        if (plan == null) {
            // Built outside the map's lock: the registry call may take its retries.
            plan = config.useLatestVersion() ? latestVersionPlan(key) : ownSchemaPlan(key);
            WritePlan raced = plans.putIfAbsent(key, plan);
            plan = raced != null ? raced : plan;
        }
        return plan;
    }

    private WritePlan ownSchemaPlan(PlanKey key) {
        int id;
        try {
            id = config.autoRegisterSchemas()
                    ? registry.register(key.subject, key.schema)
                    : registry.getId(key.subject, key.schema);
        } catch (SchemaRegistryException e) {
            String action = config.autoRegisterSchemas()
                    ? "Cannot register schema " + key.schema.getFullName() + " under subject '" + key.subject + "'"
                    : "Schema " + key.schema.getFullName() + " is not usable under subject '" + key.subject
                            + "' (auto.register.schemas=false, so it must be registered already)";
            throw new SerializationException(action + ": " + e.getMessage(), e);
        }
        return WritePlan.direct(id, writer(key.schema, key.specific));
    }

    private WritePlan latestVersionPlan(PlanKey key) {
        RegisteredSchema latest = latest(key.subject);
        Schema target = latest.schema();
        if (SchemaNormalization.toParsingForm(target).equals(SchemaNormalization.toParsingForm(key.schema))) {
            return WritePlan.direct(latest.id(), writer(key.schema, key.specific));
        }
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(target, key.schema);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            String reasons = compatibility.getResult().getIncompatibilities().stream()
                    .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                    .collect(Collectors.joining("; "));
            throw new SerializationException("use.latest.version: the latest schema of subject '" + key.subject
                    + "' (version " + latest.version() + ", id " + latest.id() + ") cannot represent records of "
                    + key.schema.getFullName() + " as given: " + reasons);
        }
        return WritePlan.converting(latest.id(), writer(key.schema, key.specific),
                new GenericDatumReader<>(key.schema, target), new GenericDatumWriter<>(target));
    }

    private RegisteredSchema latest(String subject) {
        RegisteredSchema latest = latestBySubject.get(subject);
        if (latest == null) {
            try {
                latest = registry.getLatestSchema(subject);
            } catch (SchemaRegistryException e) {
                throw new SerializationException("use.latest.version: cannot get the latest schema of subject '"
                        + subject + "': " + e.getMessage(), e);
            }
            latestBySubject.putIfAbsent(subject, latest);
        }
        return latest;
    }

    private static DatumWriter<Object> writer(Schema schema, boolean specific) {
        return specific ? new SpecificDatumWriter<>(schema) : new GenericDatumWriter<>(schema);
    }

    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
    }

    private record PlanKey(String subject, Schema schema, boolean specific) {
    }

    /** Everything a record of one (subject, schema) needs: the header with its id, and how to write the body. */
    private static final class WritePlan {
        final int schemaId;
        final byte[] header;
        final DatumWriter<Object> recordWriter;
        /** With use.latest.version and a record schema other than the latest: reads the record as the latest schema. */
        final DatumReader<Object> converter;
        final DatumWriter<Object> targetWriter;

        private WritePlan(int schemaId, DatumWriter<Object> recordWriter, DatumReader<Object> converter,
                DatumWriter<Object> targetWriter) {
            this.schemaId = schemaId;
            this.header = WireFormat.header(schemaId);
            this.recordWriter = recordWriter;
            this.converter = converter;
            this.targetWriter = targetWriter;
        }

        static WritePlan direct(int schemaId, DatumWriter<Object> writer) {
            return new WritePlan(schemaId, writer, null, null);
        }

        static WritePlan converting(int schemaId, DatumWriter<Object> recordWriter, DatumReader<Object> converter,
                DatumWriter<Object> targetWriter) {
            return new WritePlan(schemaId, recordWriter, converter, targetWriter);
        }

        void write(Object record, BinaryEncoder encoder) throws IOException {
            if (converter == null) {
                recordWriter.write(record, encoder);
                return;
            }
            ByteArrayOutputStream own = new ByteArrayOutputStream(256);
            BinaryEncoder ownEncoder = EncoderFactory.get().binaryEncoder(own, null);
            recordWriter.write(record, ownEncoder);
            ownEncoder.flush();
            Object converted = converter.read(null, DecoderFactory.get().binaryDecoder(own.toByteArray(), null));
            targetWriter.write(converted, encoder);
        }
    }
}

package org.medpulse.serde;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.medpulse.serde.registry.SchemaRegistryClient;

/** Kafka {@link Serde}s over the Confluent wire format, configured and ready to use. */
public final class ConfluentAvroSerde {

    private ConfluentAvroSerde() {
    }

    /** A serde for a generated class, configured with {@code configs} (as key or value serde). */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        return configured(new ConfluentAvroSerializer<>(), new ConfluentAvroDeserializer<>(type), configs, isKey);
    }

    /** As {@link #specific(Class, Map, boolean)}, sharing an existing registry client. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient registry,
            Map<String, ?> configs, boolean isKey) {
        return configured(new ConfluentAvroSerializer<>(registry), new ConfluentAvroDeserializer<>(type, registry),
                configs, isKey);
    }

    /**
     * A serde for generic records: it writes any record with its own schema and reads records as
     * written (or into the generated classes with {@code specific.avro.reader=true}).
     */
    public static Serde<GenericRecord> generic(Map<String, ?> configs, boolean isKey) {
        return configured(new ConfluentAvroSerializer<>(), new ConfluentAvroDeserializer<>(), configs, isKey);
    }

    /** As {@link #generic(Map, boolean)}, sharing an existing registry client. */
    public static Serde<GenericRecord> generic(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        return configured(new ConfluentAvroSerializer<>(registry), new ConfluentAvroDeserializer<>(registry), configs,
                isKey);
    }

    /** A generic serde that reads every record into {@code readerSchema}, by Avro schema resolution. */
    public static Serde<GenericRecord> generic(Schema readerSchema, SchemaRegistryClient registry,
            Map<String, ?> configs, boolean isKey) {
        return configured(new ConfluentAvroSerializer<>(registry),
                ConfluentAvroDeserializer.generic(readerSchema, registry), configs, isKey);
    }

    private static <T> Serde<T> configured(Serializer<T> serializer, Deserializer<T> deserializer,
            Map<String, ?> configs, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(serializer, deserializer);
        serde.configure(configs, isKey);
        return serde;
    }
}

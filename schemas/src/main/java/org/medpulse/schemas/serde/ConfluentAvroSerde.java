package org.medpulse.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.medpulse.schemas.registry.SchemaRegistryClient;

/** Kafka {@link Serde}s over the Confluent wire format. */
public final class ConfluentAvroSerde {

    private ConfluentAvroSerde() {
    }

    /** A serde for a generated class, configured with {@code configs} (as key or value serde). */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(new ConfluentAvroSerializer<>(), new ConfluentAvroDeserializer<>(type));
        serde.configure(configs, isKey);
        return serde;
    }

    /** As {@link #specific(Class, Map, boolean)}, sharing an existing registry client. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient registry,
            Map<String, ?> configs, boolean isKey) {
        Serde<T> serde = Serdes.serdeFrom(new ConfluentAvroSerializer<>(registry),
                new ConfluentAvroDeserializer<>(type, registry));
        serde.configure(configs, isKey);
        return serde;
    }
}

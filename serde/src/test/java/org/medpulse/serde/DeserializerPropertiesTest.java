package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.medpulse.avro.SurveyResponse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the deserializer returns a record or throws a SerializationException
 * with its message: never another exception, never an OutOfMemoryError.
 */
class DeserializerPropertiesTest {

    private static final String SCOPE = SurveyResponses.newScope();
    private static final byte[] GOLDEN;
    private static final List<Deserializer<?>> DESERIALIZERS;

    static {
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(config(SCOPE), false);
            GOLDEN = serializer.serialize(TOPIC, SurveyResponses.golden());
        }
        ConfluentAvroDeserializer<SurveyResponse> specific = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        specific.configure(config(SCOPE), false);
        ConfluentAvroDeserializer<GenericRecord> generic = new ConfluentAvroDeserializer<>();
        generic.configure(config(SCOPE), false);
        DESERIALIZERS = List.of(specific, generic);
    }

    @Property
    void arbitraryBytes(@ForAll @Size(max = 300) byte[] payload) {
        decodesOrRefusesClearly(payload);
    }

    @Property
    void arbitraryBodiesBehindAValidHeader(@ForAll @Size(max = 300) byte[] body) {
        decodesOrRefusesClearly(ByteBuffer.allocate(WireFormat.HEADER_SIZE + body.length)
                .put(GOLDEN, 0, WireFormat.HEADER_SIZE).put(body).array());
    }

    @Property
    void aValidPayloadWithOneByteChanged(@ForAll @IntRange(min = 0, max = 1_000) int position, @ForAll byte value) {
        byte[] payload = GOLDEN.clone();
        payload[position % payload.length] = value;
        decodesOrRefusesClearly(payload);
    }

    @Property
    void aValidPayloadCutOrExtended(@ForAll @IntRange(min = 0, max = 200) int length) {
        byte[] payload = Arrays.copyOf(GOLDEN, length);
        if (length == GOLDEN.length) {
            assertThat(DESERIALIZERS.get(0).deserialize(TOPIC, payload)).isEqualTo(SurveyResponses.golden());
        } else {
            decodesOrRefusesClearly(payload);
        }
    }

    private static void decodesOrRefusesClearly(byte[] payload) {
        for (Deserializer<?> deserializer : DESERIALIZERS) {
            try {
                assertThat(deserializer.deserialize(TOPIC, payload)).isNotNull();
            } catch (SerializationException e) {
                assertThat(e.getMessage()).startsWith("Cannot deserialise a record of topic '" + TOPIC + "': ");
            }
        }
    }
}

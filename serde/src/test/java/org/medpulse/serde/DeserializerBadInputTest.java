package org.medpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.serde.SurveyResponses.TOPIC;
import static org.medpulse.serde.SurveyResponses.config;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.serde.registry.RegistryClientConfig;

/** Every kind of bad input is a SerializationException that says what is wrong. */
class DeserializerBadInputTest {

    private final String scope = SurveyResponses.newScope();
    private ConfluentAvroDeserializer<SurveyResponse> specific;
    private ConfluentAvroDeserializer<GenericRecord> generic;
    private byte[] golden;
    private int id;

    @BeforeEach
    void writeAGoldenRecord() {
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(config(scope), false);
            golden = serializer.serialize(TOPIC, SurveyResponses.golden());
        }
        id = WireFormat.schemaId(golden);
        specific = new ConfluentAvroDeserializer<>(SurveyResponse.class);
        specific.configure(config(scope), false);
        generic = new ConfluentAvroDeserializer<>();
        generic.configure(config(scope), false);
    }

    @AfterEach
    void dropScope() {
        specific.close();
        generic.close();
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    @ParameterizedTest(name = "magic byte 0x{0}")
    @ValueSource(strings = {"01", "ff", "7b"})
    void aWrongMagicByteIsShownInHex(String magic) {
        byte[] payload = golden.clone();
        payload[0] = HexFormat.of().parseHex(magic)[0];

        assertRefused(payload).hasMessageContaining("Unknown magic byte 0x" + magic)
                .hasMessageContaining("topic '" + TOPIC + "'");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aPayloadShorterThanTheHeaderSaysItsLength(int length) {
        assertRefused(Arrays.copyOf(golden, length))
                .hasMessageContaining("Payload of " + length + " bytes is shorter than the 5-byte");
    }

    @Test
    void anUnknownSchemaIdIsNamed() {
        byte[] payload = golden.clone();
        ByteBuffer.wrap(payload).putInt(1, 987_654);

        assertRefused(payload).hasMessageContaining("unknown schema id 987654");
    }

    @ParameterizedTest(name = "cut {0} byte(s) short")
    @ValueSource(ints = {1, 2, 10, 40})
    void aTruncatedBodyIsReportedAsTruncated(int missing) {
        assertRefused(Arrays.copyOf(golden, golden.length - missing))
                .hasMessageContaining("does not match writer schema id " + id + " (org.medpulse.avro.SurveyResponse)")
                .hasMessageContaining("truncated");
    }

    @Test
    void anEmptyBodyIsTruncated() {
        assertRefused(Arrays.copyOf(golden, WireFormat.HEADER_SIZE)).hasMessageContaining("truncated");
    }

    @ParameterizedTest(name = "{0} trailing byte(s)")
    @ValueSource(ints = {1, 3})
    void bytesLeftAfterTheRecordAreRefused(int extra) {
        assertRefused(Arrays.copyOf(golden, golden.length + extra))
                .hasMessageContaining(extra + " trailing byte(s) left after the end of the record");
    }

    @Test
    void aNegativeStringLengthIsRefused() {
        assertRefused(body("01")).hasMessageContaining("string with negative length -1");
    }

    @Test
    void aStringLongerThanThePayloadIsRefusedBeforeAnythingIsAllocated() {
        // responseId claims 2^40 bytes: Avro alone would try to allocate them.
        assertRefused(body("8080808080808080 4000"))
                .hasMessageMatching(".*string of \\d+ bytes but only \\d+ bytes are left.*");
    }

    @Test
    void anArrayBlockClaimingMoreItemsThanBytesIsRefused() {
        byte[] payload = golden.clone();
        int useCases = indexOf(payload, "0406020002080004");
        payload[useCases] = 0x7e; // block of 63 items, with 40-odd bytes left

        assertRefused(payload).hasMessageMatching(".*array block of 63 items but only \\d+ bytes are left.*");
    }

    @Test
    void anEnumIndexOutOfRangeIsRefused() {
        byte[] payload = golden.clone();
        int practiceType = indexOf(payload, "80a0abfef962") + 6;
        payload[practiceType] = 0x10; // index 8 of 3 symbols

        assertRefused(payload).hasMessageContaining("does not match writer schema id " + id);
    }

    @Test
    void aUnionBranchOutOfRangeIsRefused() {
        byte[] payload = golden.clone();
        int specialty = indexOf(payload, "80a0abfef962") + 7;
        payload[specialty] = 0x06; // branch 3 of ["null","string"]

        assertRefused(payload).hasMessageContaining("does not match writer schema id " + id);
    }

    @Test
    void aNegativeUnionBranchIsRefused() {
        byte[] payload = golden.clone();
        int specialty = indexOf(payload, "80a0abfef962") + 7;
        payload[specialty] = 0x01;

        assertRefused(payload).hasMessageContaining("negative union branch index -1");
    }

    @Test
    void aStringThatIsNotUtf8IsRefused() {
        byte[] payload = golden.clone();
        int responseId = indexOf(payload, "722d31");
        payload[responseId] = (byte) 0xff;

        assertRefused(payload).hasMessageContaining("string of 3 bytes that is not valid UTF-8");
    }

    @Test
    void anOverlongVarintIsRefused() {
        byte[] payload = golden.clone();
        int submittedAt = indexOf(payload, "80a0abfef962");
        byte[] longer = new byte[payload.length + 6];
        System.arraycopy(payload, 0, longer, 0, submittedAt);
        Arrays.fill(longer, submittedAt, submittedAt + 11, (byte) 0xff);
        System.arraycopy(payload, submittedAt + 6, longer, submittedAt + 11, payload.length - submittedAt - 6);
        longer[submittedAt + 11] = 0x02;

        assertRefused(longer).hasMessageContaining("Invalid long encoding");
    }

    @Test
    void anUnreachableRegistryIsReportedAfterTheRetries() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();
        Map<String, Object> unreachable = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                RegistryClientConfig.MAX_RETRIES, 2, RegistryClientConfig.RETRIES_WAIT_MS, 1,
                RegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS, 2_000);
        try (ConfluentAvroDeserializer<SurveyResponse> deserializer =
                new ConfluentAvroDeserializer<>(SurveyResponse.class)) {
            deserializer.configure(unreachable, false);

            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, golden))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("cannot fetch writer schema id " + id)
                    .hasMessageContaining("Schema registry unreachable")
                    .hasMessageContaining(url + "/schemas/ids/" + id)
                    .hasMessageContaining("after 3 attempts")
                    .hasMessageContaining("ConnectException");
        }
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(unreachable, false);

            assertThatThrownBy(() -> serializer.serialize(TOPIC, SurveyResponses.golden()))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Cannot register schema org.medpulse.avro.SurveyResponse under subject "
                            + "'survey-responses-value'")
                    .hasMessageContaining(url + "/subjects/survey-responses-value/versions")
                    .hasMessageContaining("after 3 attempts");
        }
    }

    @Test
    void aRecordMissingARequiredFieldIsASerializationErrorNamingIt() {
        SurveyResponse incomplete = SurveyResponses.golden();
        incomplete.setWaveId(null);
        try (ConfluentAvroSerializer<SurveyResponse> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(config(scope), false);

            assertThatThrownBy(() -> serializer.serialize(TOPIC, incomplete))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Cannot serialise org.medpulse.avro.SurveyResponse")
                    .hasMessageContaining("waveId");
        }
    }

    /** Both the specific and the generic deserializer refuse {@code payload}; the specific one's error is checked. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] payload) {
        assertThatThrownBy(() -> generic.deserialize(TOPIC, payload)).isInstanceOf(SerializationException.class);
        return assertThatThrownBy(() -> specific.deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot deserialise a record of topic '" + TOPIC + "': ");
    }

    /** The golden header followed by {@code hex}, then enough ASCII to be more than a few bytes. */
    private byte[] body(String hex) {
        byte[] start = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] filler = "padding-padding-padding".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(WireFormat.HEADER_SIZE + start.length + filler.length)
                .put(golden, 0, WireFormat.HEADER_SIZE).put(start).put(filler).array();
    }

    private static int indexOf(byte[] payload, String hex) {
        int found = HexFormat.of().formatHex(payload).indexOf(hex);
        assertThat(found).as("golden payload contains %s", hex).isNotNegative().matches(i -> i % 2 == 0);
        return found / 2;
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

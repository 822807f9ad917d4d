package org.medpulse.streams.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.streams.testing.Responses.response;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.schemas.Topics;
import org.medpulse.streams.errors.DeadLetterMetrics;
import org.medpulse.streams.testing.TopologyFixture;

class DeadLetterTest {

    private static final Instant AT = Instant.parse("2025-06-02T08:00:00Z");

    private TopologyFixture topology;

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    /** A poison pill: record key and value bytes, built with the fixture's registry. */
    record Pill(String name, Function<TopologyFixture, byte[]> key, Function<TopologyFixture, byte[]> value,
            String reason, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pill> pills() {
        SurveyResponse valid = response("p1", "r1", "2025-06").build();
        return Stream.of(
                pill("wrong magic byte", t -> withFirstByte(t.serialize(valid), 0x01), "unreadable",
                        "Unknown magic byte 0x01"),
                pill("unknown schema id", t -> withSchemaId(t.serialize(valid), 999), "unreadable",
                        "unknown schema id 999"),
                pill("garbage body", t -> garbageBody(t.serialize(valid)), "unreadable",
                        "does not match writer schema"),
                pill("shorter than the header", t -> new byte[] {0, 0, 1}, "unreadable", "shorter than the 5-byte"),
                pill("empty wave", t -> t.serialize(response("p1", "r1", "").build()), "invalid", "waveId is empty"),
                new Pill("blank respondent", t -> "p1/ ".getBytes(UTF_8),
                        t -> t.serialize(response("p1", " ", "2025-06").build()), "invalid", "respondentId is empty"),
                new Pill("key naming another respondent", t -> "p1/someone-else".getBytes(UTF_8),
                        t -> t.serialize(valid), "invalid", "must be partnerId/respondentId 'p1/r1'"),
                new Pill("tombstone", t -> "p1/r1".getBytes(UTF_8), t -> null, "invalid", "tombstone"));
    }

    private static Pill pill(String name, Function<TopologyFixture, byte[]> value, String reason, String message) {
        return new Pill(name, t -> "p1/r1".getBytes(UTF_8), value, reason, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pills")
    void poisonPillGoesToTheDeadLetterTopicWithItsBytesAndErrorHeadersAndProcessingGoesOn(Pill pill) {
        topology = new TopologyFixture();
        topology.send(response("p1", "before", "2025-06").at(AT).build());
        byte[] key = pill.key().apply(topology);
        byte[] value = pill.value().apply(topology);

        topology.sendRaw(key, value, AT);
        topology.send(response("p1", "after", "2025-06").at(AT).build());

        List<TestRecord<byte[], byte[]>> deadLetters = topology.deadLetters().readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        TestRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.key()).isEqualTo(key);
        assertThat(deadLetter.value()).isEqualTo(value);
        Headers headers = deadLetter.headers();
        assertThat(header(headers, "__streams.errors.message")).contains(pill.messagePart());
        assertThat(header(headers, "__streams.errors.exception")).isNotBlank();
        assertThat(header(headers, "__streams.errors.topic")).isEqualTo(Topics.SURVEY_RESPONSES);
        assertThat(header(headers, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(headers, "__streams.errors.offset")).isEqualTo("1");
        assertThat(topology.stores().latest()).containsOnlyKeys("2025-06|p1|before", "2025-06|p1|after");
        assertThat(topology.meters().get(DeadLetterMetrics.COUNTER).tag("reason", pill.reason()).counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void originalHeadersTravelWithTheDeadLetter() {
        topology = new TopologyFixture();
        Headers original = new RecordHeaders().add("trace-id", "abc".getBytes(UTF_8));
        topology.sendRaw("p1/r1".getBytes(UTF_8), new byte[] {7, 7, 7, 7, 7, 7}, original, AT);

        assertThat(header(topology.deadLetters().readRecord().headers(), "trace-id")).isEqualTo("abc");
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), UTF_8);
    }

    private static byte[] withFirstByte(byte[] payload, int first) {
        byte[] copy = payload.clone();
        copy[0] = (byte) first;
        return copy;
    }

    private static byte[] withSchemaId(byte[] payload, int id) {
        byte[] copy = payload.clone();
        copy[1] = (byte) (id >>> 24);
        copy[2] = (byte) (id >>> 16);
        copy[3] = (byte) (id >>> 8);
        copy[4] = (byte) id;
        return copy;
    }

    private static byte[] garbageBody(byte[] payload) {
        byte[] copy = Arrays.copyOf(payload, 5 + 3);
        copy[5] = (byte) 0xFF;
        copy[6] = (byte) 0xFF;
        copy[7] = (byte) 0xFF;
        return copy;
    }
}

package org.medpulse.producer.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DeadLetterFormatTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLineShowsOffsetTimestampSourceKeyAndReasonUnderTheColumnTitles() {
        String line = DeadLetterFormat.line(DeadLetter.of(DeadLetterRecords.unknownSchema(3, "acme/r-7")));

        assertThat(DeadLetterFormat.header())
                .isEqualTo("OFFSET  TIMESTAMP             SOURCE                      KEY                 REASON");
        assertThat(line).isEqualTo("     3  2026-05-28T20:26:43Z  survey-responses:2:103      acme/r-7            "
                + "UnreadableSurveyResponseException: topic survey-responses: unknown schema id 42: the schema registry has no such schema");
        assertThat(line.indexOf("acme")).isEqualTo(DeadLetterFormat.header().indexOf("KEY"));
    }

    @Test
    void aReplayThatFailedAgainSaysWhichDeadLetterItCameFrom() {
        ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.corrupt(8, "acme/r-1");
        record.headers().add(DeadLetterHeaders.REPLAYED_FROM, "survey-responses-dlq:0:1".getBytes(UTF_8));

        assertThat(DeadLetterFormat.line(DeadLetter.of(record)))
                .endsWith("Unknown magic byte 0x67  [replay of survey-responses-dlq:0:1]");
    }

    @Test
    void aRecordWithoutKeyOrHeadersStillGetsItsLine() {
        DeadLetter bare = DeadLetter.of(new ConsumerRecord<>("dlq", 1, 4, 0L, TimestampType.CREATE_TIME, -1, -1, null,
                null, new RecordHeaders(), Optional.empty()));

        assertThat(DeadLetterFormat.line(bare)).isEqualTo("   1:4  1970-01-01T00:00:00Z  -                           -"
                + "                   (no __streams.errors.* headers)");
    }

    @Test
    void jsonCarriesEveryFieldOnOneLine() throws Exception {
        String line = DeadLetterFormat.json(DeadLetter.of(DeadLetterRecords.invalid(9, "acme/\n")));

        assertThat(line).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("partition").asInt()).isZero();
        assertThat(json.get("offset").asLong()).isEqualTo(9);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-05-28T20:26:49Z");
        assertThat(json.get("timestampType").asText()).isEqualTo("LogAppendTime");
        assertThat(json.get("source").get("topic").asText()).isEqualTo("survey-responses");
        assertThat(json.get("source").get("partition").asInt()).isEqualTo(2);
        assertThat(json.get("source").get("offset").asLong()).isEqualTo(109);
        assertThat(json.get("key").asText()).isEqualTo("acme/\n");
        assertThat(json.has("keyHex")).isFalse();
        assertThat(json.get("valueBytes").asInt()).isEqualTo(6);
        assertThat(json.get("exception").asText()).isEqualTo("org.medpulse.streams.errors.InvalidSurveyResponseException");
        assertThat(json.get("message").asText()).isEqualTo("Invalid survey response: respondentId is empty");
        assertThat(json.get("reason").asText()).isEqualTo("InvalidSurveyResponseException: Invalid survey response: "
                + "respondentId is empty");
        assertThat(json.get("replayOf").isNull()).isTrue();
        assertThat(json.get("stackTrace").asText()).contains("\tat org.example.Foo.bar");
    }

    @Test
    void jsonGivesANonUtf8KeyInHexAndATombstonesSizeAsNull() throws Exception {
        DeadLetter binary = DeadLetter.of(new ConsumerRecord<>("dlq", 0, 0, 0L, TimestampType.CREATE_TIME, -1, -1,
                new byte[] {(byte) 0xff, 0x01}, null, new RecordHeaders(), Optional.empty()));

        JsonNode json = JSON.readTree(DeadLetterFormat.json(binary));
        assertThat(json.get("key").isNull()).isTrue();
        assertThat(json.get("keyHex").asText()).isEqualTo("ff01");
        assertThat(json.get("valueBytes").isNull()).isTrue();
        assertThat(json.get("source").isNull()).isTrue();
        assertThat(json.get("exception").isNull()).isTrue();
    }
}

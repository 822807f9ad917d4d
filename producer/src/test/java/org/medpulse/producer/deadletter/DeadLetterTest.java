package org.medpulse.producer.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void readsTheFailureFromTheStreamsErrorHeaders() {
        DeadLetter deadLetter = DeadLetter.of(DeadLetterRecords.unknownSchema(3, "acme/r-7"));

        assertThat(deadLetter.id()).isEqualTo(new DeadLetterId(0, 3));
        assertThat(deadLetter.topic()).isEqualTo(DeadLetterRecords.DLQ);
        assertThat(deadLetter.timestamp()).isEqualTo(Instant.ofEpochMilli(DeadLetterRecords.DEAD_LETTERED_AT + 3000));
        assertThat(deadLetter.exception()).contains("org.medpulse.streams.errors.UnreadableSurveyResponseException");
        assertThat(deadLetter.reason()).isEqualTo("UnreadableSurveyResponseException: topic survey-responses: unknown schema id 42: "
                + "the schema registry has no such schema");
        assertThat(deadLetter.source()).contains(new DeadLetter.Source("survey-responses", 2, 103));
        assertThat(deadLetter.source().orElseThrow()).hasToString("survey-responses:2:103");
        assertThat(deadLetter.keyText()).contains("acme/r-7");
        assertThat(deadLetter.value()).containsExactly(0, 0, 0, 0, 42, 2, 4, 6);
        assertThat(deadLetter.stackTrace()).hasValueSatisfying(trace -> assertThat(trace).contains("Foo.java:1"));
        assertThat(deadLetter.replayOf()).isEmpty();
        assertThat(deadLetter.replayMarker()).isEqualTo("survey-responses-dlq:0:3");
    }

    @Test
    void theReasonMatchesTheClassNameOrTheMessageIgnoringCase() {
        DeadLetter deadLetter = DeadLetter.of(DeadLetterRecords.invalid(1, "acme/ "));

        assertThat(deadLetter.reasonContains("invalidsurveyresponse")).isTrue();
        assertThat(deadLetter.reasonContains("org.medpulse.streams")).isTrue();
        assertThat(deadLetter.reasonContains("RESPONDENTID IS EMPTY")).isTrue();
        assertThat(deadLetter.reasonContains("schema")).isFalse();
    }

    @Test
    void aReplayCarriesTheOriginalHeadersOnlyWithoutWhatStreamsOrAnEarlierReplayAdded() {
        ConsumerRecord<byte[], byte[]> record = DeadLetterRecords.corrupt(5, "acme/r-1");
        record.headers().add(DeadLetterHeaders.REPLAYED_FROM, "survey-responses-dlq:0:1".getBytes(UTF_8));

        DeadLetter deadLetter = DeadLetter.of(record);

        assertThat(deadLetter.originalHeaders()).extracting(Header::key).containsExactly("trace-id");
        assertThat(deadLetter.replayOf()).contains("survey-responses-dlq:0:1");
        assertThat(deadLetter.headers()).hasSize(8);
    }

    @Test
    void aRecordWithoutErrorHeadersHasNoReasonNorSource() {
        DeadLetter deadLetter = DeadLetter.of(new ConsumerRecord<>("dlq", 1, 4, 0L, TimestampType.CREATE_TIME, -1, -1,
                null, null, new RecordHeaders(), Optional.empty()));

        assertThat(deadLetter.id()).hasToString("1:4");
        assertThat(deadLetter.reason()).isEqualTo("(no __streams.errors.* headers)");
        assertThat(deadLetter.source()).isEmpty();
        assertThat(deadLetter.keyText()).isEmpty();
        assertThat(deadLetter.value()).isNull();
    }

    @Test
    void anExceptionWithoutMessageIsNamedAloneAndMultiLineMessagesBecomeOneLine() {
        assertThat(DeadLetter.of(DeadLetterRecords.deadLetter(0, 0, "k", new byte[0], "java.lang.NullPointerException",
                null, 1)).reason()).isEqualTo("NullPointerException");
        assertThat(DeadLetter.of(DeadLetterRecords.deadLetter(0, 0, "k", new byte[0], "x.Boom", "first\n  second\r\n",
                1)).reason()).isEqualTo("Boom: first second");
    }

    @Test
    void keysAreShownSafelyControlCharactersEscapedAndNonUtf8AsHex() {
        DeadLetter controls = DeadLetter.of(DeadLetterRecords.corrupt(0, "acme/\u001b[2Jr\n1"));
        assertThat(controls.keyText()).contains("acme/\\u001b[2Jr\\n1");
        assertThat(controls.keyUtf8()).contains("acme/\u001b[2Jr\n1");

        ConsumerRecord<byte[], byte[]> binary = new ConsumerRecord<>("dlq", 0, 0, 0L, TimestampType.CREATE_TIME, -1, -1,
                new byte[] {(byte) 0xff, 0x00, 0x41}, new byte[0], new RecordHeaders(), Optional.empty());
        assertThat(DeadLetter.of(binary).keyText()).contains("0xff0041");
        assertThat(DeadLetter.of(binary).keyUtf8()).isEmpty();
    }
}

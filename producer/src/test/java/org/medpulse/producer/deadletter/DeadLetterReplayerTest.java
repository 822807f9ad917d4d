package org.medpulse.producer.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterReplayerTest {

    static final List<ConsumerRecord<byte[], byte[]>> DEAD_LETTERS = List.of(
            DeadLetterRecords.corrupt(0, "acme/r-0"),
            DeadLetterRecords.unknownSchema(1, "acme/r-1"),
            DeadLetterRecords.invalid(2, "acme/ "),
            DeadLetterRecords.unknownSchema(3, "acme/r-3"));

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());

    private DeadLetterReplayer replayer(ReplayTarget target) {
        return new DeadLetterReplayer(new DeadLetterTopic(DeadLetterRecords.consumer(1, DEAD_LETTERS, List.of()),
                DeadLetterRecords.DLQ, "broker:9092"), target);
    }

    @Test
    void republishesTheChosenDeadLettersByteForByteWithTheirOwnHeadersAndAReplayMarker() {
        ReplayResult result = replayer(ReplayTarget.topic("survey-responses"))
                .replay(DeadLetterSelection.all().withIds(Set.of(new DeadLetterId(0, 3), new DeadLetterId(0, 1))), producer);

        assertThat(producer.history()).hasSize(2);
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("survey-responses");
        assertThat(first.key()).isEqualTo(DEAD_LETTERS.get(1).key());
        assertThat(first.value()).isEqualTo(DEAD_LETTERS.get(1).value());
        assertThat(first.partition()).isNull();
        assertThat(first.timestamp()).as("LogAppendTime is not the record's own time").isNull();
        assertThat(first.headers().toArray()).extracting(Header::key)
                .containsExactly("trace-id", DeadLetterHeaders.REPLAYED_FROM);
        assertThat(new String(first.headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM).value(), UTF_8))
                .isEqualTo("survey-responses-dlq:0:1");
        assertThat(new String(producer.history().get(1).headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM).value(),
                UTF_8)).isEqualTo("survey-responses-dlq:0:3");

        assertThat(result.dryRun()).isFalse();
        assertThat(result.failures()).isEmpty();
        assertThat(result.replayed()).extracting(ReplayedLetter::describe).containsExactly(
                "replayed 1 -> survey-responses:0:0  key acme/r-1  (UnreadableSurveyResponseException: topic survey-responses: "
                        + "unknown schema id 42: the schema registry has no such schema)",
                "replayed 3 -> survey-responses:0:1  key acme/r-3  (UnreadableSurveyResponseException: topic survey-responses: "
                        + "unknown schema id 42: the schema registry has no such schema)");
    }

    @Test
    void aReasonSelectsEveryDeadLetterWhoseReasonContainsIt() {
        ReplayResult result = replayer(ReplayTarget.topic("survey-responses"))
                .replay(DeadLetterSelection.all().withReason("unknown schema id"), producer);

        assertThat(result.replayed()).extracting(r -> r.id().toString()).containsExactly("1", "3");
        assertThat(producer.history()).hasSize(2);
    }

    @Test
    void anUnknownOffsetStopsTheReplayBeforeAnythingIsSent() {
        DeadLetterReplayer replayer = replayer(ReplayTarget.topic("survey-responses"));

        assertThatThrownBy(() -> replayer.replay(DeadLetterSelection.all().withIds(Set.of(new DeadLetterId(0, 1),
                new DeadLetterId(0, 7), new DeadLetterId(2, 0))), producer))
                .isInstanceOf(DeadLetterRequestException.class)
                .hasMessage("no dead letter at offsets 7, 2:0 in 'survey-responses-dlq' (offsets 0 to 3); nothing was replayed");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void anEmptySelectionIsAnErrorThatSaysWhatWasAskedFor() {
        assertThatThrownBy(() -> replayer(ReplayTarget.topic("survey-responses"))
                .replay(DeadLetterSelection.all().withReason("no such reason"), producer))
                .isInstanceOf(DeadLetterRequestException.class)
                .hasMessage("no dead letter in 'survey-responses-dlq' (offsets 0 to 3) matches reason containing "
                        + "'no such reason'; nothing was replayed");

        DeadLetterReplayer empty = new DeadLetterReplayer(new DeadLetterTopic(DeadLetterRecords.consumer(1, List.of(),
                List.of()), DeadLetterRecords.DLQ, "broker:9092"), ReplayTarget.topic("survey-responses"));
        assertThatThrownBy(() -> empty.replay(DeadLetterSelection.all(), producer))
                .hasMessage("'survey-responses-dlq' holds no dead letter; nothing was replayed");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aMissingTargetTopicIsRefusedBeforeReading() {
        assertThatThrownBy(() -> replayer(ReplayTarget.topic("survey-responsez")).replay(DeadLetterSelection.all(), producer))
                .isInstanceOf(DeadLetterRequestException.class)
                .hasMessage("topic 'survey-responsez' to replay to does not exist; nothing was replayed");
    }

    @Test
    void aDryRunSaysWhatWouldBeReplayedAndSendsNothing() {
        ReplayResult result = replayer(ReplayTarget.topic("survey-responses")).dryRun(DeadLetterSelection.all());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.replayed()).extracting(ReplayedLetter::published).containsOnly(false);
        assertThat(result.replayed().get(2).describe()).isEqualTo("would replay 2 -> survey-responses  key acme/   "
                + "(InvalidSurveyResponseException: Invalid survey response: respondentId is empty)");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void toTheSourceTopicEachGoesWhereItWasReadAndOneWithoutSourceFails() {
        ConsumerRecord<byte[], byte[]> noHeaders = new ConsumerRecord<>(DeadLetterRecords.DLQ, 0, 4, 7L,
                TimestampType.CREATE_TIME, -1, -1, "k".getBytes(UTF_8), new byte[] {1}, new RecordHeaders(), Optional.empty());
        DeadLetterReplayer replayer = new DeadLetterReplayer(new DeadLetterTopic(DeadLetterRecords.consumer(1,
                List.of(DEAD_LETTERS.get(0), noHeaders), List.of()), DeadLetterRecords.DLQ, "broker:9092"),
                ReplayTarget.sourceTopic());

        ReplayResult result = replayer.replay(DeadLetterSelection.all(), producer);

        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("survey-responses"));
        assertThat(result.replayed()).singleElement().satisfies(r -> assertThat(r.id()).hasToString("0"));
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.source()).hasToString("4");
            assertThat(f.reason()).isEqualTo("no __streams.errors.topic header names its source topic");
        });
    }

    @Test
    void aCreationTimeIsKeptWhenTheDeadLetterTopicKeepsOne() {
        ConsumerRecord<byte[], byte[]> created = new ConsumerRecord<>(DeadLetterRecords.DLQ, 0, 0, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, -1, -1, "k".getBytes(UTF_8), new byte[] {1}, new RecordHeaders(), Optional.empty());
        new DeadLetterReplayer(new DeadLetterTopic(DeadLetterRecords.consumer(1, List.of(created), List.of()),
                DeadLetterRecords.DLQ, "broker:9092"), ReplayTarget.topic("survey-responses"))
                .replay(DeadLetterSelection.all(), producer);

        assertThat(producer.history()).singleElement()
                .satisfies(r -> assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L));
    }

    @Test
    void aFailedSendIsReportedWithItsReason() {
        MockProducer<byte[], byte[]> failing = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new RecordTooLargeException("too large"))) {
                    // every pending send fails
                }
            }
        };

        ReplayResult result = replayer(ReplayTarget.topic("survey-responses"))
                .replay(DeadLetterSelection.all().withIds(Set.of(new DeadLetterId(0, 2))), failing);

        assertThat(result.replayed()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("too large"));
    }
}

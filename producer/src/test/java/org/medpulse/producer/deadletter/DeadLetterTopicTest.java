package org.medpulse.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

class DeadLetterTopicTest {

    @Test
    void readsFromTheBeginningToTheEndOffsetsAtTheTimeOfTheCallAndLeavesNoAssignment() {
        MockConsumer<byte[], byte[]> consumer = DeadLetterRecords.consumer(1,
                List.of(DeadLetterRecords.corrupt(0, "acme/r-0"), DeadLetterRecords.unknownSchema(1, "acme/r-1"),
                        DeadLetterRecords.invalid(2, "acme/ ")),
                List.of(DeadLetterRecords.corrupt(3, "acme/r-3")));
        List<DeadLetterId> seen = new ArrayList<>();

        DeadLetterScan scan = new DeadLetterTopic(consumer, DeadLetterRecords.DLQ, "broker:9092")
                .read(DeadLetterSelection.all(), d -> seen.add(d.id()));

        assertThat(seen).containsExactly(new DeadLetterId(0, 0), new DeadLetterId(0, 1), new DeadLetterId(0, 2));
        assertThat(scan.read()).isEqualTo(3);
        assertThat(scan.selected()).isEqualTo(3);
        assertThat(scan.describeOffsets()).isEqualTo("offsets 0 to 2");
        assertThat(consumer.subscription()).isEmpty();
    }

    @Test
    void readsOnlyTheRangeTheSelectionCanSelect() {
        MockConsumer<byte[], byte[]> consumer = DeadLetterRecords.consumer(1,
                List.of(DeadLetterRecords.corrupt(0, "a"), DeadLetterRecords.corrupt(1, "b"), DeadLetterRecords.corrupt(2, "c"),
                        DeadLetterRecords.corrupt(3, "d")), List.of());
        List<DeadLetterId> seen = new ArrayList<>();

        DeadLetterScan scan = new DeadLetterTopic(consumer, DeadLetterRecords.DLQ, "broker:9092")
                .read(DeadLetterSelection.all().withIds(Set.of(new DeadLetterId(0, 1), new DeadLetterId(0, 2))),
                        d -> seen.add(d.id()));

        assertThat(seen).containsExactly(new DeadLetterId(0, 1), new DeadLetterId(0, 2));
        assertThat(scan.read()).isEqualTo(2);
        assertThat(scan.describeOffsets()).isEqualTo("offsets 0 to 3");
    }

    @Test
    void readsEveryPartitionAndNamesThemInItsSummary() {
        MockConsumer<byte[], byte[]> consumer = DeadLetterRecords.consumer(2,
                List.of(DeadLetterRecords.deadLetter(1, 5, "k", new byte[] {1}, "x.Boom", "b", 1),
                        DeadLetterRecords.deadLetter(1, 6, "k", new byte[] {1}, "x.Boom", "b", 2)), List.of());
        List<String> seen = new ArrayList<>();

        DeadLetterScan scan = new DeadLetterTopic(consumer, DeadLetterRecords.DLQ, "broker:9092")
                .read(DeadLetterSelection.all(), d -> seen.add(d.id().toString()));

        assertThat(seen).containsExactly("1:5", "1:6");
        assertThat(scan.describeOffsets()).isEqualTo("partition 0: no record; partition 1: offsets 5 to 6");
    }

    @Test
    void anEmptyTopicReadsNothing() {
        DeadLetterScan scan = new DeadLetterTopic(DeadLetterRecords.consumer(1, List.of(), List.of()),
                DeadLetterRecords.DLQ, "broker:9092").read(DeadLetterSelection.all(), d -> { });

        assertThat(scan.empty()).isTrue();
        assertThat(scan.selected()).isZero();
        assertThat(scan.describeOffsets()).isEqualTo("no record");
    }

    @Test
    void aMissingTopicIsARequestThatCannotBeCarriedOut() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

        assertThatThrownBy(() -> new DeadLetterTopic(consumer, "nope-dlq", "broker:9092")
                .read(DeadLetterSelection.all(), d -> { }))
                .isInstanceOf(DeadLetterRequestException.class)
                .hasMessage("topic 'nope-dlq' does not exist on broker:9092 (the streams application and the local "
                        + "stack create it)");
    }
}

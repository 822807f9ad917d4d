package org.medpulse.producer.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Dead letters as Kafka Streams writes them (original key, value and headers plus the
 * {@code __streams.errors.*} headers), and a mock consumer holding them, for the dead-letter
 * tests here and the commands' tests in cli/.
 */
public final class DeadLetterRecords {

    public static final String DLQ = "survey-responses-dlq";
    public static final long DEAD_LETTERED_AT = 1_780_000_000_000L; // 2026-05-28T20:26:40Z

    private DeadLetterRecords() {
    }

    /** A dead letter of {@code survey-responses}, stamped LogAppendTime, with the failure's headers. */
    public static ConsumerRecord<byte[], byte[]> deadLetter(int partition, long offset, String key, byte[] value,
            String exception, String message, long sourceOffset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", ("t-" + offset).getBytes(UTF_8));
        headers.add(DeadLetterHeaders.EXCEPTION, exception.getBytes(UTF_8));
        headers.add(DeadLetterHeaders.MESSAGE, message == null ? null : message.getBytes(UTF_8));
        headers.add(DeadLetterHeaders.STACK_TRACE, (exception + ": " + message + "\n\tat org.example.Foo.bar(Foo.java:1)")
                .getBytes(UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, "survey-responses".getBytes(UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_PARTITION, "2".getBytes(UTF_8));
        headers.add(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(sourceOffset).getBytes(UTF_8));
        return new ConsumerRecord<>(DLQ, partition, offset, DEAD_LETTERED_AT + offset * 1000, TimestampType.LOG_APPEND_TIME,
                -1, -1, key == null ? null : key.getBytes(UTF_8), value, headers, Optional.empty());
    }

    /** An unreadable record: bytes that are not the wire format. */
    public static ConsumerRecord<byte[], byte[]> corrupt(long offset, String key) {
        return deadLetter(0, offset, key, ("garbage #" + offset).getBytes(UTF_8),
                "org.medpulse.streams.errors.UnreadableSurveyResponseException",
                "topic survey-responses: Unknown magic byte 0x67", 100 + offset);
    }

    /** A record written with a schema id the registry does not know. */
    public static ConsumerRecord<byte[], byte[]> unknownSchema(long offset, String key) {
        return deadLetter(0, offset, key, new byte[] {0, 0, 0, 0, 42, 2, 4, 6},
                "org.medpulse.streams.errors.UnreadableSurveyResponseException",
                "topic survey-responses: unknown schema id 42: the schema registry has no such schema", 100 + offset);
    }

    /** A response the topology refused (a blank respondent). */
    public static ConsumerRecord<byte[], byte[]> invalid(long offset, String key) {
        return deadLetter(0, offset, key, new byte[] {0, 0, 0, 0, 1, 9},
                "org.medpulse.streams.errors.InvalidSurveyResponseException",
                "Invalid survey response: respondentId is empty", 100 + offset);
    }

    /**
     * A consumer of the dead-letter topic (partitions 0 to {@code partitions - 1}) that holds
     * {@code records}; its end offsets are those when it is made, {@code later} arrive afterwards.
     */
    public static MockConsumer<byte[], byte[]> consumer(int partitions, List<ConsumerRecord<byte[], byte[]>> records,
            List<ConsumerRecord<byte[], byte[]>> later) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(DLQ, p, node, null, null));
            TopicPartition partition = new TopicPartition(DLQ, p);
            int number = p;
            beginnings.put(partition, records.stream().filter(r -> r.partition() == number)
                    .mapToLong(ConsumerRecord::offset).min().orElse(0L));
            ends.put(partition, records.stream().filter(r -> r.partition() == number)
                    .mapToLong(r -> r.offset() + 1).max().orElse(0L));
        }
        consumer.updatePartitions(DLQ, infos);
        consumer.updatePartitions("survey-responses", List.of(new PartitionInfo("survey-responses", 0, node, null, null)));
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(records);
        all.addAll(later);
        // Records of partitions the read does not cover are not handed out (MockConsumer refuses them).
        consumer.schedulePollTask(() -> all.stream()
                .filter(r -> consumer.assignment().contains(new TopicPartition(r.topic(), r.partition())))
                .forEach(consumer::addRecord));
        return consumer;
    }
}

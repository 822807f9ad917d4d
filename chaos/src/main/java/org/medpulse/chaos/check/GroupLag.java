package org.medpulse.chaos.check;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the streams application's committed position on the input topic is behind the topic's
 * end: zero once every record written has been processed and committed.
 */
public final class GroupLag {

    private final Admin admin;
    private final String group;
    private final String topic;
    private final int partitions;

    public GroupLag(Admin admin, String group, String topic, int partitions) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** Records not yet committed by the group (all of them before its first commit); -1 if Kafka did not answer. */
    public long lag() throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(15, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                lag += end.getValue().offset() - (position == null ? 0 : position.offset());
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }
}

package org.medpulse.serde;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Confluent's three subject naming strategies. Configured by Confluent's class name (so existing
 * configurations work) or by the simple name.
 */
public enum SubjectNameStrategy {

    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic. */
    TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several record types in one topic. */
    TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy") {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    public abstract String subject(String topic, boolean isKey, Schema schema);

    public String className() {
        return className;
    }

    private String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    public static SubjectNameStrategy parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.className.equals(trimmed) || strategy.simpleName().equals(trimmed)) {
                return strategy;
            }
        }
        throw new ConfigException("Unknown subject name strategy '" + value + "'; expected one of " + documentation());
    }

    static String documentation() {
        return Arrays.stream(values()).map(SubjectNameStrategy::simpleName).collect(Collectors.joining(", "))
                + " (or Confluent's fully qualified class names).";
    }
}

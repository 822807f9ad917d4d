package org.medpulse.streams.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;
import org.medpulse.schemas.LocalStackDefaults;
import org.medpulse.schemas.Topics;
import org.medpulse.schemas.serde.AvroSerdeConfig;
import org.medpulse.streams.errors.InvalidResponseHandler;
import org.medpulse.streams.errors.UnreadableRecordHandler;
import org.medpulse.streams.state.BoundedRocksDbMemory;

/**
 * The streams application's settings, each declared once with its type, default, validation and
 * documentation. Any other key (Kafka Streams, client or serde setting) passes through to Kafka
 * Streams unchanged and wins over the defaults chosen here.
 */
public final class MedPulseStreamsConfig extends AbstractConfig {

    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    public static final String SCHEMA_REGISTRY_URL = AvroSerdeConfig.SCHEMA_REGISTRY_URL;
    public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
    public static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    public static final String COMMIT_INTERVAL_MS = StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
    public static final String CACHE_MAX_BYTES = StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG;
    public static final String RESPONSES_TOPIC = "medpulse.topic.responses";
    public static final String TOOL_CATALOGUE_TOPIC = "medpulse.topic.tool-catalogue";
    public static final String DEAD_LETTER_TOPIC = "medpulse.topic.dead-letter";
    public static final String CREATE_TOPICS = "medpulse.topics.create";
    public static final String ROCKSDB_MEMORY_BYTES = BoundedRocksDbMemory.MEMORY_BYTES_CONFIG;
    public static final String HTTP_HOST = "medpulse.http.host";
    public static final String HTTP_PORT = "medpulse.http.port";
    public static final String ADVERTISED_HOST = "medpulse.advertised.host";

    public static final String DEFAULT_APPLICATION_ID = "medpulse-streams";
    public static final int DEFAULT_HTTP_PORT = 7070;

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(APPLICATION_ID, Type.STRING, DEFAULT_APPLICATION_ID, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka Streams application id: instances sharing it share the work and the "
                            + "state; it prefixes internal topics and the consumer group.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, LocalStackDefaults.BOOTSTRAP_SERVERS,
                    new ConfigDef.NonEmptyString(), Importance.HIGH, "Kafka bootstrap servers.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, LocalStackDefaults.REGISTRY_URL, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry the input topic's Avro records are read with "
                            + "(mock://scope for an in-memory registry shared in the JVM).")
            .define(STATE_DIR, Type.STRING, ".medpulse/streams-state", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Directory of the local state stores (RocksDB).")
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), Importance.HIGH,
                    "exactly_once_v2 (default): a crash never loses nor double-counts a response; "
                            + "at_least_once: faster, but a crash can apply a response twice.")
            // Kafka Streams commits every 100 ms under exactly-once so that downstream read_committed
            // consumers see results quickly. MedPulse has no downstream topic (readers query the
            // local stores, which do not wait for commits), and each commit flushes every dirty
            // aggregate to its changelog: a longer interval means fewer, larger transactions and
            // far fewer changelog records, at the cost of redoing up to that much work after a crash.
            .define(COMMIT_INTERVAL_MS, Type.LONG, 1000L, Range.atLeast(1), Importance.MEDIUM,
                    "How often progress is committed (ms). The aggregates' changes reach their stores, "
                            + "changelogs and readers at each commit; it also bounds the work redone after a crash.")
            // No store uses Kafka Streams' record cache: the aggregates write behind on their own
            // (WriteBehindKeyValueStore) and responses-latest has a key per respondent.
            .define(CACHE_MAX_BYTES, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                    "Heap for Kafka Streams' record cache (bytes); no MedPulse store uses it.")
            .define(RESPONSES_TOPIC, Type.STRING, Topics.SURVEY_RESPONSES, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Topic of the survey responses (Avro SurveyResponse, key partnerId/respondentId).")
            .define(TOOL_CATALOGUE_TOPIC, Type.STRING, Topics.TOOL_CATALOGUE, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Compacted topic of operators' tool catalogue entries (key tool id, JSON value).")
            .define(DEAD_LETTER_TOPIC, Type.STRING, Topics.SURVEY_RESPONSES_DLQ, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Topic receiving records that cannot be read or fail validation, with their "
                            + "original bytes and __streams.errors.* headers.")
            .define(CREATE_TOPICS, Type.BOOLEAN, true, Importance.LOW,
                    "Create the responses, catalogue and dead-letter topics at start-up when missing.")
            .define(ROCKSDB_MEMORY_BYTES, Type.LONG, BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES,
                    Range.atLeast(BoundedRocksDbMemory.MIN_MEMORY_BYTES), Importance.MEDIUM,
                    "Off-heap memory all RocksDB stores of this JVM share (block cache, index and filter "
                            + "blocks, memtables).")
            .define(HTTP_HOST, Type.STRING, "0.0.0.0", Importance.LOW, "Address the HTTP server binds to.")
            .define(HTTP_PORT, Type.INT, DEFAULT_HTTP_PORT, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the HTTP server (health, and the query API); 0 picks a free port.")
            .define(ADVERTISED_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Host other instances reach this one's HTTP server at; with the bound port it becomes "
                            + "Kafka Streams' application.server.");

    public MedPulseStreamsConfig(Map<?, ?> props) {
        super(DEFINITION, props, false);
    }

    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public String responsesTopic() {
        return getString(RESPONSES_TOPIC);
    }

    public String toolCatalogueTopic() {
        return getString(TOOL_CATALOGUE_TOPIC);
    }

    public String deadLetterTopic() {
        return getString(DEAD_LETTER_TOPIC);
    }

    public boolean createTopics() {
        return getBoolean(CREATE_TOPICS);
    }

    public String httpHost() {
        return getString(HTTP_HOST);
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    public String advertisedHost() {
        return getString(ADVERTISED_HOST);
    }

    /** What the input serde is configured with: every setting, the registry URL resolved. */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = new HashMap<>(originals());
        configs.put(SCHEMA_REGISTRY_URL, getString(SCHEMA_REGISTRY_URL));
        return configs;
    }

    /**
     * The Kafka Streams properties: MedPulse's choices (exactly-once, dead-letter handling, bounded
     * RocksDB memory), then every setting given, which wins.
     *
     * @param applicationServer this instance's {@code host:port} for interactive-query routing
     */
    public Properties kafkaStreamsProperties(String applicationServer) {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UnreadableRecordHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, InvalidResponseHandler.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic());
        props.putAll(originals());
        props.put(APPLICATION_ID, applicationId());
        props.put(BOOTSTRAP_SERVERS, bootstrapServers());
        props.put(STATE_DIR, getString(STATE_DIR));
        props.put(PROCESSING_GUARANTEE, getString(PROCESSING_GUARANTEE));
        props.put(COMMIT_INTERVAL_MS, getLong(COMMIT_INTERVAL_MS));
        props.put(CACHE_MAX_BYTES, getLong(CACHE_MAX_BYTES));
        props.put(ROCKSDB_MEMORY_BYTES, getLong(ROCKSDB_MEMORY_BYTES));
        return props;
    }
}

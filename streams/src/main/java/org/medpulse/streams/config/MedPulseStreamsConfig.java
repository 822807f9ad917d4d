package org.medpulse.streams.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;
import org.medpulse.cluster.LocalCluster;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.streams.errors.InvalidResponseHandler;
import org.medpulse.streams.errors.UnreadableRecordHandler;
import org.medpulse.streams.state.BoundedRocksDbMemory;

/**
 * The streams application's settings, each declared once with its type, default, validation and
 * documentation, and what each client is handed of them: Kafka Streams gets its own settings and
 * any other Kafka client setting given (which win over the defaults chosen here), the input serde
 * gets the serde's settings, the admin client the admin client's; none gets MedPulse's own
 * ({@code medpulse.*}) beyond what it needs, nor the serde's. The API's settings ({@code api.*})
 * are not this class's: {@code StreamsSettings} hands them to the API alone.
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
    public static final String RECORD_KEY_SECRET = "medpulse.record.key.secret";
    public static final String PEER_SECRET = "medpulse.peer.secret";
    public static final String REGISTRY_PATIENCE_MS = "medpulse.registry.patience.ms";
    public static final String LIVE_COMMIT_INTERVAL_MS = "medpulse.live.commit.interval.ms";
    /** The names the secrets have in the application's secrets topic. */
    public static final String RECORD_KEY_SECRET_NAME = "record-key";
    public static final String PEER_SECRET_NAME = "peer";

    /** MedPulse's own settings start with this; Kafka clients never see them (but the RocksDB budget, for its config setter). */
    public static final String PREFIX = "medpulse.";
    public static final String DEFAULT_APPLICATION_ID = "medpulse-streams";
    public static final int DEFAULT_HTTP_PORT = 7070;

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(APPLICATION_ID, Type.STRING, DEFAULT_APPLICATION_ID, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka Streams application id: instances sharing it share the work and the "
                            + "state; it prefixes internal topics and the consumer group.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, LocalCluster.BOOTSTRAP_SERVERS,
                    new ConfigDef.NonEmptyString(), Importance.HIGH, "Kafka bootstrap servers.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, LocalCluster.REGISTRY_URL, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry the input topic's Avro records are read with "
                            + "(mock://scope for an in-memory registry shared in the JVM).")
            .define(STATE_DIR, Type.STRING, ".medpulse/streams-state", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Directory of the local state stores (RocksDB).")
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2, MedPulseStreamsConfig::exactlyOnce,
                    Importance.HIGH, "exactly_once_v2, the only guarantee MedPulse runs with: a crash never loses nor"
                            + " double-counts a response. at_least_once is refused (see docs/architecture.md).")
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
            .define(HTTP_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Address the HTTP server binds to: loopback unless told otherwise. Binding another interface"
                            + " requires API audiences to be configured (api.tokens, api.tokens.file or api.disclosure).")
            .define(HTTP_PORT, Type.INT, DEFAULT_HTTP_PORT, Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the HTTP server (health, and the query API); 0 picks a free port.")
            .define(ADVERTISED_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Host other instances reach this one's HTTP server at; with the bound port it becomes "
                            + "Kafka Streams' application.server.")
            .define(RECORD_KEY_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
                    "Secret (16 characters or more) every respondent-wave's record key is derived from, for the cell"
                            + " key method. Every instance of an application needs the same one, for good: another"
                            + " one would give every respondent other keys, and so every count other noise. When unset,"
                            + " the instances share one kept in the topic <application.id>-secrets.")
            // Aggregates become visible at a commit. Replaying history wants few, large commits (each
            // one a transaction flushing every dirty aggregate); a response just submitted wants to
            // be seen at once. So a task processing live responses asks for a commit this often.
            // 300 ms: a response shows in the API within about half a second (p99, at 1,000 responses/s),
            // and each commit makes the read side derive again the sums of every wave it changed: at
            // 100 ms the API answered a tenth fewer questions per second (docs/benchmarks.md).
            .define(LIVE_COMMIT_INTERVAL_MS, Type.LONG, 300L, Range.between(0, 60_000), Importance.MEDIUM,
                    "While responses submitted in the last few seconds arrive, commit (and so show them in the API)"
                            + " this often rather than every commit.interval.ms; history replays at commit.interval.ms."
                            + " 0: never sooner than commit.interval.ms.")
            .define(REGISTRY_PATIENCE_MS, Type.LONG, 60_000L, Range.between(1_000, 240_000), Importance.LOW,
                    "How long a stream thread waits in place for a schema registry that cannot answer (unreachable,"
                            + " 5xx) before it fails and is replaced (resuming from the last commit). Responses are never"
                            + " dead-lettered for an outage. Stay well below max.poll.interval.ms (5 min).")
            .define(PEER_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
                    "Secret (16 characters or more) sealing what instances of an application send each other (raw"
                            + " partial answers). When unset, the instances share one kept in the topic"
                            + " <application.id>-secrets.");

    /**
     * Refuses any guarantee but exactly-once. Under at_least_once, responses-latest reaches its
     * changelog at once while the aggregates wait for the commit: a crash in between leaves a
     * response "already latest" yet never counted, and a later correction then subtracts what was
     * never added (negative counts, and a task that fails on every restart).
     */
    private static void exactlyOnce(String name, Object value) {
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(value)) {
            throw new ConfigException(name, value, "MedPulse runs exactly_once_v2 only: under " + value
                    + " a crash between two commits can lose a response or count it twice");
        }
    }

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

    /** The record-key secret, if one was given. */
    public Optional<String> recordKeySecret() {
        return secret(RECORD_KEY_SECRET);
    }

    /** How often a task processing live responses asks for a commit; zero for never sooner than the commit interval. */
    public Duration liveCommitInterval() {
        return Duration.ofMillis(getLong(LIVE_COMMIT_INTERVAL_MS));
    }

    /** How long a stream thread waits in place for the schema registry. */
    public Duration registryPatience() {
        return Duration.ofMillis(getLong(REGISTRY_PATIENCE_MS));
    }

    /** The peer secret, if one was given. */
    public Optional<String> peerSecret() {
        return secret(PEER_SECRET);
    }

    private Optional<String> secret(String name) {
        Password secret = getPassword(name);
        return secret == null ? Optional.empty() : Optional.of(secret.value());
    }

    /** The topic where the instances keep the secrets not given to them: {@code <application.id>-secrets}. */
    public String secretsTopic() {
        return applicationId() + "-secrets";
    }

    /** These settings, with both secrets set. */
    public MedPulseStreamsConfig withSecrets(String recordKeySecret, String peerSecret) {
        Map<String, Object> settings = new HashMap<>(originals());
        settings.put(RECORD_KEY_SECRET, recordKeySecret);
        settings.put(PEER_SECRET, peerSecret);
        return new MedPulseStreamsConfig(settings);
    }

    /** The project's topics under the names configured here. */
    public ProjectTopics projectTopics() {
        return ProjectTopics.defaults().withNames(responsesTopic(), deadLetterTopic(), toolCatalogueTopic());
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

    /** What the input serde is configured with: the serde's settings given, the registry URL resolved. */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = only(AvroSerdeConfig.definition().names());
        configs.put(SCHEMA_REGISTRY_URL, getString(SCHEMA_REGISTRY_URL));
        return configs;
    }

    /** What an admin client is configured with: the admin client's settings given, the bootstrap servers resolved. */
    public Map<String, Object> adminConfigs() {
        Map<String, Object> configs = only(AdminClientConfig.configNames());
        configs.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return configs;
    }

    private Map<String, Object> only(Set<String> names) {
        Map<String, Object> configs = new HashMap<>();
        originals().forEach((key, value) -> {
            if (names.contains(key)) {
                configs.put(key, value);
            }
        });
        return configs;
    }

    /** Settings given for Kafka Streams or its clients: neither MedPulse's own nor the serde's. */
    private Map<String, Object> passedThrough() {
        Set<String> serde = AvroSerdeConfig.definition().names();
        Map<String, Object> configs = new HashMap<>();
        originals().forEach((key, value) -> {
            if (!key.startsWith(PREFIX) && !serde.contains(key)) {
                configs.put(key, value);
            }
        });
        return configs;
    }

    /**
     * The Kafka Streams properties: MedPulse's choices (exactly-once, dead-letter handling, bounded
     * RocksDB memory), then every Kafka setting given, which wins.
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
        props.putAll(passedThrough());
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

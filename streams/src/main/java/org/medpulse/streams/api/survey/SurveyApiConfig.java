package org.medpulse.streams.api.survey;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.medpulse.streams.query.SmallCellPolicy;

/**
 * The survey API's settings, each declared once with its type, default, validation and doc. The
 * {@code medpulse streams} command maps {@code --api-token} and {@code --min-cell-size} here, and
 * lets this class refuse impossible values.
 */
public final class SurveyApiConfig extends AbstractConfig {

    /** Every setting of the API starts with this, and no other setting does. */
    public static final String PREFIX = "api.";
    public static final String API_TOKEN = "api.token";
    public static final String MIN_CELL_SIZE = "api.min.cell.size";
    public static final String RETRY_AFTER_SECONDS = "api.retry.after.seconds";
    public static final String STREAM_POLL_INTERVAL_MS = "api.stream.poll.interval.ms";
    public static final String STREAM_HEARTBEAT_INTERVAL_MS = "api.stream.heartbeat.interval.ms";
    public static final String STREAM_MAX_CLIENTS = "api.stream.max.clients";
    public static final String PEER_TIMEOUT_MS = "api.peer.timeout.ms";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(API_TOKEN, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                    "When set, every /api request must carry 'Authorization: Bearer <token>' (else 401);"
                            + " instance-to-instance calls carry it too. Health, /metrics and /openapi.json stay open.")
            .define(MIN_CELL_SIZE, ConfigDef.Type.INT, SmallCellPolicy.DEFAULT_MIN_CELL_SIZE,
                    ConfigDef.Range.atLeast(SmallCellPolicy.SMALLEST_MIN_CELL_SIZE),
                    ConfigDef.Importance.HIGH,
                    "Small-cell protection: a result about fewer respondents than this shows its respondents"
                            + " and no counts ('suppressed': true).")
            .define(RETRY_AFTER_SECONDS, ConfigDef.Type.INT, 2, ConfigDef.Range.between(1, 300), ConfigDef.Importance.LOW,
                    "The Retry-After given with a 503 while stores start, restore or rebalance.")
            .define(STREAM_POLL_INTERVAL_MS, ConfigDef.Type.LONG, 250L, ConfigDef.Range.between(10, 60_000),
                    ConfigDef.Importance.LOW,
                    "How often wave totals are read for /api/v1/stream while a client is connected.")
            .define(STREAM_HEARTBEAT_INTERVAL_MS, ConfigDef.Type.LONG, 15_000L, ConfigDef.Range.between(10, 600_000),
                    ConfigDef.Importance.LOW,
                    "How often an idle /api/v1/stream connection gets a comment line, which keeps proxies from"
                            + " closing it and detects clients that went away.")
            .define(STREAM_MAX_CLIENTS, ConfigDef.Type.INT, 256, ConfigDef.Range.between(1, 100_000), ConfigDef.Importance.LOW,
                    "The most /api/v1/stream clients served at once; more get 503.")
            .define(PEER_TIMEOUT_MS, ConfigDef.Type.LONG, 5_000L, ConfigDef.Range.between(100, 120_000),
                    ConfigDef.Importance.LOW,
                    "How long an instance waits for another instance's partitions before answering 503.");

    public SurveyApiConfig(Map<?, ?> originals) {
        super(CONFIG, originals);
    }

    public static SurveyApiConfig defaults() {
        return new SurveyApiConfig(Map.of());
    }

    public Optional<String> apiToken() {
        Password token = getPassword(API_TOKEN);
        return token == null || token.value().isEmpty() ? Optional.empty() : Optional.of(token.value());
    }

    /** The {@code Authorization} header instance-to-instance calls carry, if a token is configured. */
    public Optional<String> peerAuthorization() {
        return apiToken().map(token -> "Bearer " + token);
    }

    public Duration peerTimeout() {
        return Duration.ofMillis(getLong(PEER_TIMEOUT_MS));
    }

    public SmallCellPolicy smallCellPolicy() {
        return SmallCellPolicy.minCellSize(getInt(MIN_CELL_SIZE));
    }

    public int retryAfterSeconds() {
        return getInt(RETRY_AFTER_SECONDS);
    }

    public Duration streamPollInterval() {
        return Duration.ofMillis(getLong(STREAM_POLL_INTERVAL_MS));
    }

    public Duration streamHeartbeatInterval() {
        return Duration.ofMillis(getLong(STREAM_HEARTBEAT_INTERVAL_MS));
    }

    public int streamMaxClients() {
        return getInt(STREAM_MAX_CLIENTS);
    }
}

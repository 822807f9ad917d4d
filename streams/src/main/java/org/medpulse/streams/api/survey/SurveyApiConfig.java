package org.medpulse.streams.api.survey;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.Disclosure;
import org.medpulse.streams.query.DisclosureBlock;
import org.medpulse.streams.query.Disclosures;
import org.medpulse.streams.query.SmallCellPolicy;
import org.medpulse.streams.query.disclosure.CellKeyPerturbation;
import org.medpulse.streams.query.disclosure.PerturbationParameters;
import org.medpulse.streams.query.disclosure.Suppression;

/**
 * The survey API's settings, each declared once with its type, default, validation and doc: who
 * may ask (API tokens and the audience each names), how answers are published to each audience,
 * and how the API serves. The {@code medpulse streams} command maps its options here and lets this
 * class refuse impossible values.
 */
public final class SurveyApiConfig extends AbstractConfig {

    /** Every setting of the API starts with this, and no other setting does. */
    public static final String PREFIX = "api.";
    public static final String API_TOKEN = "api.token";
    public static final String API_TOKENS = "api.tokens";
    public static final String API_TOKENS_FILE = "api.tokens.file";
    public static final String REQUIRE_TOKEN = "api.require.token";
    public static final String DISCLOSURE = "api.disclosure";
    public static final String CELL_KEY_D = "api.cell.key.d";
    public static final String CELL_KEY_V = "api.cell.key.v";
    public static final String CELL_KEY_JS = "api.cell.key.js";
    public static final String MIN_CELL_SIZE = "api.min.cell.size";
    public static final String RETRY_AFTER_SECONDS = "api.retry.after.seconds";
    public static final String STREAM_POLL_INTERVAL_MS = "api.stream.poll.interval.ms";
    public static final String STREAM_HEARTBEAT_INTERVAL_MS = "api.stream.heartbeat.interval.ms";
    public static final String STREAM_MAX_CLIENTS = "api.stream.max.clients";
    public static final String PEER_TIMEOUT_MS = "api.peer.timeout.ms";
    public static final String CACHE_MAX_BYTES = "api.cache.max.bytes";
    public static final String ANSWER_CACHE_ENTRIES = "api.answer.cache.entries";

    public static final ConfigDef CONFIG = new ConfigDef()
            .define(API_TOKEN, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                    "A single analyst token, as before audiences existed: when set, every /api request must carry"
                            + " a token (else 401). Prefer " + API_TOKENS + " or " + API_TOKENS_FILE + ".")
            .define(API_TOKENS, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                    "API tokens and their audiences, as 'audience:token' entries separated by commas or white space"
                            + " (audience 'analyst' or 'public'). medpulse streams reads them from the environment"
                            + " variable MEDPULSE_API_TOKENS, so that they never show on a command line.")
            .define(API_TOKENS_FILE, ConfigDef.Type.STRING, null, ConfigDef.Importance.HIGH,
                    "A file of API tokens, one '<audience> <token>' a line ('#' starts a comment).")
            .define(REQUIRE_TOKEN, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.HIGH,
                    "Refuse /api requests without a token (401). Otherwise they are answered for the public"
                            + " audience when audiences are configured, and as an analyst's when they are not"
                            + " (an instance on loopback with no configuration answers as it always did).")
            .define(DISCLOSURE, ConfigDef.Type.STRING, DisclosureBlock.SUPPRESS,
                    ConfigDef.ValidString.in(DisclosureBlock.SUPPRESS, DisclosureBlock.CELL_KEY), ConfigDef.Importance.HIGH,
                    "How answers are published to the public audience: 'suppress' (exact counts, results about"
                            + " fewer than " + MIN_CELL_SIZE + " respondents show no counts) or 'cell-key' (every count"
                            + " perturbed by the cell key method; see docs/disclosure.md). Analysts always get 'suppress'.")
            .define(CELL_KEY_D, ConfigDef.Type.INT, PerturbationParameters.recommended().d(),
                    ConfigDef.Range.between(1, PerturbationParameters.MAX_D), ConfigDef.Importance.MEDIUM,
                    "Cell key method: the largest noise added to or taken from a count (D).")
            .define(CELL_KEY_V, ConfigDef.Type.DOUBLE, PerturbationParameters.recommended().v(), ConfigDef.Importance.MEDIUM,
                    "Cell key method: the noise's variance (V), reached for every count the other constraints allow.")
            .define(CELL_KEY_JS, ConfigDef.Type.INT, PerturbationParameters.recommended().js(), ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.MEDIUM,
                    "Cell key method: no count from 1 to js-1 is ever published (js).")
            .define(MIN_CELL_SIZE, ConfigDef.Type.INT, SmallCellPolicy.DEFAULT_MIN_CELL_SIZE,
                    ConfigDef.Range.atLeast(SmallCellPolicy.SMALLEST_MIN_CELL_SIZE),
                    ConfigDef.Importance.HIGH,
                    "Small-cell protection: a result about fewer respondents than this shows its respondents"
                            + " and no counts ('suppressed': true).")
            .define(RETRY_AFTER_SECONDS, ConfigDef.Type.INT, 2, ConfigDef.Range.between(1, 300), ConfigDef.Importance.LOW,
                    "The Retry-After given with a 503 while stores start, restore or rebalance.")
            .define(STREAM_POLL_INTERVAL_MS, ConfigDef.Type.LONG, 100L, ConfigDef.Range.between(10, 60_000),
                    ConfigDef.Importance.LOW,
                    "How often wave totals are read for /api/v1/stream while a client is connected.")
            .define(STREAM_HEARTBEAT_INTERVAL_MS, ConfigDef.Type.LONG, 15_000L, ConfigDef.Range.between(10, 600_000),
                    ConfigDef.Importance.LOW,
                    "How often an idle /api/v1/stream connection gets a comment line, which keeps proxies from"
                            + " closing it and detects clients that went away.")
            .define(STREAM_MAX_CLIENTS, ConfigDef.Type.INT, 256, ConfigDef.Range.between(1, 100_000), ConfigDef.Importance.LOW,
                    "The most /api/v1/stream clients served at once; more get 503.")
            .define(CACHE_MAX_BYTES, ConfigDef.Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024 * 1024),
                    ConfigDef.Importance.LOW,
                    "Heap for remembered store scans (of partitions not read from the views of their last commit:"
                            + " before a task's first commit, and stale reads), least recently used evicted first; what"
                            + " is older than 5 s or from before the partition changed is dropped anyway.")
            // A dashboard's readers ask the same questions between two commits; the mix of bench api
            // asks 2,161 different ones. Answers are about 2 KB of JSON: the default keeps at most about 8 MB.
            .define(ANSWER_CACHE_ENTRIES, ConfigDef.Type.INT, 4_096, ConfigDef.Range.between(0, 1_000_000),
                    ConfigDef.Importance.LOW,
                    "The most answers (their JSON) given again while the stores they were read from have not changed"
                            + " (no commit, no task moved) and the tool catalogue is the same; 0 answers every request anew.")
            .define(PEER_TIMEOUT_MS, ConfigDef.Type.LONG, 5_000L, ConfigDef.Range.between(100, 120_000),
                    ConfigDef.Importance.LOW,
                    "How long an instance waits for another instance's partitions before answering 503.");

    private final ApiTokens tokens;
    private final Disclosures disclosures;

    /** @throws ConfigException for a value no setting accepts, unreadable tokens or an impossible perturbation table */
    public SurveyApiConfig(Map<?, ?> originals) {
        super(CONFIG, originals);
        this.tokens = ApiTokens.parse(getPassword(API_TOKEN), getPassword(API_TOKENS), getString(API_TOKENS_FILE));
        if (getBoolean(REQUIRE_TOKEN) && tokens.isEmpty()) {
            throw new ConfigException(REQUIRE_TOKEN + " is set but no API token is configured (" + API_TOKENS
                    + ", " + API_TOKENS_FILE + "): every request would be refused");
        }
        SmallCellPolicy policy = SmallCellPolicy.minCellSize(getInt(MIN_CELL_SIZE));
        Disclosure suppression = new Suppression(policy);
        this.disclosures = new Disclosures(policy, suppression,
                DisclosureBlock.CELL_KEY.equals(getString(DISCLOSURE)) ? cellKey() : suppression);
    }

    public static SurveyApiConfig defaults() {
        return new SurveyApiConfig(Map.of());
    }

    /** The API tokens and their audiences. */
    public ApiTokens tokens() {
        return tokens;
    }

    /**
     * Whether audiences are configured: some token is, or the public's method was chosen. Then a
     * request without a token is the public's; without, an instance answers everyone as before
     * audiences existed, and must stay on loopback.
     */
    public boolean audiencesConfigured() {
        return !tokens.isEmpty() || originals().containsKey(DISCLOSURE);
    }

    /** Whether requests without a token are refused: asked for, or a single legacy {@value #API_TOKEN} is set. */
    public boolean tokenRequired() {
        return getBoolean(REQUIRE_TOKEN) || getPassword(API_TOKEN) != null;
    }

    /** The audience of a request without a token, when it is not refused. */
    public Audience tokenlessAudience() {
        return audiencesConfigured() ? Audience.PUBLIC : Audience.ANALYST;
    }

    /** How answers are published to each audience. */
    public Disclosures disclosures() {
        return disclosures;
    }

    private CellKeyPerturbation cellKey() {
        PerturbationParameters parameters;
        try {
            parameters = PerturbationParameters.of(getInt(CELL_KEY_D), getDouble(CELL_KEY_V), getInt(CELL_KEY_JS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("No perturbation table for " + CELL_KEY_D + "=" + getInt(CELL_KEY_D) + ", "
                    + CELL_KEY_V + "=" + getDouble(CELL_KEY_V) + ", " + CELL_KEY_JS + "=" + getInt(CELL_KEY_JS) + ": "
                    + e.getMessage());
        }
        return CellKeyPerturbation.of(parameters);
    }

    /** About how much heap remembered scans and answers may take, together. */
    public long cacheMaxBytes() {
        return getLong(CACHE_MAX_BYTES);
    }

    /** The most answers kept while the stores do not change. */
    public int answerCacheEntries() {
        return getInt(ANSWER_CACHE_ENTRIES);
    }

    public Duration peerTimeout() {
        return Duration.ofMillis(getLong(PEER_TIMEOUT_MS));
    }

    public SmallCellPolicy smallCellPolicy() {
        return disclosures.policy();
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

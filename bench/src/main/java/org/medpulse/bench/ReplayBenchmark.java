package org.medpulse.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.state.LatestKey;
import org.medpulse.streams.state.LatestResponse;
import org.medpulse.streams.state.SurveyStores;
import org.medpulse.streams.state.WaveKey;
import org.medpulse.streams.state.WaveSummary;
import org.medpulse.streams.topology.SurveyTopology;

/**
 * Measures, in one run against the same brokers, (1) the raw rate at which the brokers take
 * 300-byte records with {@code acks=all}, and (2) the rate at which the survey topology replays N
 * responses already on a topic under exactly-once, from the moment Kafka Streams is RUNNING to
 * the moment every input offset is committed. Prints both in records/s and their ratio (the goal
 * is at least 0.5). Then (3), unless disabled, the rates of the {@link Baselines} over the same
 * responses: Kafka Streams alone, and the ceiling of any topology that keeps each respondent's
 * latest response. Everything it creates (topics, internal topics, state) is removed afterwards.
 *
 * <p>A benchmark, not a test: run it on a quiet machine. Both figures are taken warm: the first raw
 * run warms the JIT and the broker and is not counted (the raw figure is the median of the counted
 * runs), and a warm-up replay through a throwaway copy of the application precedes the measured one.
 */
public final class ReplayBenchmark {

    /** Enough for the JIT compiler to finish with the topology's hot paths on a 2-core machine. */
    public static final int DEFAULT_WARMUP_RESPONSES = 200_000;
    private static final int RAW_RECORD_BYTES = 300;
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(30);

    /**
     * @param responses     responses replayed through the topology
     * @param warmupResponses responses replayed first through a throwaway copy of the topology, not
     *                      counted: the raw figure is taken after a warm-up too (0: none)
     * @param rawRecords    records of each raw producer run
     * @param rawRuns       counted raw runs (after one warm-up run)
     * @param partitions    partitions of the benchmark topics
     * @param streamThreads Kafka Streams threads of the replay
     * @param baseline      also replay the responses through the {@link Baselines} (same settings)
     * @param kafkaProperties extra client / Kafka Streams settings (e.g. security), applied to all measurements
     */
    public record Settings(String bootstrapServers, int responses, int warmupResponses, int rawRecords, int rawRuns,
            int partitions, int streamThreads, boolean baseline, Map<String, Object> kafkaProperties) {

        public Settings {
            kafkaProperties = Map.copyOf(kafkaProperties);
            if (responses < 1 || rawRecords < 1 || rawRuns < 1 || partitions < 1 || streamThreads < 1) {
                throw new IllegalArgumentException("Benchmark sizes must be positive");
            }
            if (warmupResponses < 0) {
                throw new IllegalArgumentException("The warm-up cannot be negative");
            }
        }

        /**
         * N responses after a warm-up of {@link #DEFAULT_WARMUP_RESPONSES}, as many raw records, three
         * raw runs, six partitions, one stream thread, with the baseline.
         */
        public static Settings of(String bootstrapServers, int responses) {
            return new Settings(bootstrapServers, responses, DEFAULT_WARMUP_RESPONSES, responses, 3, 6, 1, true,
                    Map.of());
        }
    }

    /**
     * The figures of one run; the baseline rates are NaN when the baselines were not run.
     *
     * @param passThroughRecordsPerSecond Kafka Streams reading the responses and doing nothing
     * @param oneStoreRecordsPerSecond    the one-store baseline: what no survey topology can exceed here
     * @param oneStoreUnloggedRecordsPerSecond the same store without a changelog: the ceiling of a topology
     *                                   whose {@code responses-latest} has none
     */
    public record Result(long rawRecords, double rawRecordsPerSecond, long responses, double replayRecordsPerSecond,
            int respondentWaves, double passThroughRecordsPerSecond, double oneStoreRecordsPerSecond,
            double oneStoreUnloggedRecordsPerSecond) {

        public double ratio() {
            return replayRecordsPerSecond / rawRecordsPerSecond;
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public ReplayBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() {
        String rawTopic = "bench-raw-" + run;
        String registry = "mock://bench-" + run;
        Path stateDir = BenchSupport.temporaryDirectory("medpulse-bench");
        MedPulseStreamsConfig streamsConfig = streamsConfig(run, registry, stateDir);
        try (Admin admin = Admin.create(clientProperties(Map.of()))) {
            List<String> topics = createTopics(admin, rawTopic, streamsConfig);
            try {
                double raw = measureRaw(rawTopic);
                if (settings.warmupResponses() > 0) {
                    warmUp(admin, registry);
                }
                int respondentWaves = load(streamsConfig.responsesTopic(), registry, settings.responses());
                double replay = replay(admin, streamsConfig, settings.responses(), respondentWaves, true);
                Map<Baselines, Double> baselines = new EnumMap<>(Baselines.class);
                if (settings.baseline()) {
                    for (Baselines baseline : Baselines.values()) {
                        baselines.put(baseline, baseline(admin, registry, streamsConfig.responsesTopic(), baseline));
                    }
                }
                Result result = new Result(settings.rawRecords(), raw, settings.responses(), replay, respondentWaves,
                        baselines.getOrDefault(Baselines.PASS_THROUGH, Double.NaN),
                        baselines.getOrDefault(Baselines.ONE_STORE, Double.NaN),
                        baselines.getOrDefault(Baselines.ONE_STORE_UNLOGGED, Double.NaN));
                out.printf("ratio: %.2f (goal >= 0.50)", result.ratio());
                if (settings.baseline()) {
                    out.printf("; baselines: no store %.2f, one store %.2f, one store without changelog %.2f; the "
                            + "topology runs at %.2f of the one-store baseline", result.passThroughRecordsPerSecond() / raw,
                            result.oneStoreRecordsPerSecond() / raw, result.oneStoreUnloggedRecordsPerSecond() / raw,
                            replay / result.oneStoreRecordsPerSecond());
                }
                out.println();
                return result;
            } finally {
                BenchTopics.delete(admin, streamsConfig.applicationId(), topics);
                InMemorySchemaRegistryClient.dropScope("bench-" + run);
                BenchSupport.deleteQuietly(stateDir);
            }
        }
    }

    /**
     * Replays the warm-up responses through a copy of the application on topics of its own, then
     * removes them: the measured replay then runs compiled code, as the raw runs after theirs.
     */
    private void warmUp(Admin admin, String registry) {
        String name = run + "-warmup";
        Path stateDir = BenchSupport.temporaryDirectory("medpulse-bench-warmup");
        MedPulseStreamsConfig config = streamsConfig(name, registry, stateDir);
        List<String> topics = BenchTopics.create(admin, config.projectTopics().withSurveyResponsePartitions(settings.partitions()).definitions());
        try {
            int respondentWaves = load(config.responsesTopic(), registry, settings.warmupResponses());
            double rate = replay(admin, config, settings.warmupResponses(), respondentWaves, false);
            out.printf("warm-up: %,d responses replayed first, not counted (%,.0f records/s)%n",
                    settings.warmupResponses(), rate);
        } finally {
            BenchTopics.delete(admin, config.applicationId(), topics);
            BenchSupport.deleteQuietly(stateDir);
        }
    }

    /**
     * Replays the same responses topic through {@code baseline} as an application of its own,
     * after the measured replay so that it runs on compiled code too; removes its internal topics
     * and state afterwards.
     */
    private double baseline(Admin admin, String registry, String responsesTopic, Baselines baseline) {
        Path stateDir = BenchSupport.temporaryDirectory("medpulse-bench-baseline");
        MedPulseStreamsConfig config = streamsConfig(run + "-baseline-" + baseline.ordinal(), registry, stateDir);
        try {
            Properties props = config.kafkaStreamsProperties("127.0.0.1:1");
            double rate = timeReplay(admin, baseline.buildTopology(responsesTopic), props, responsesTopic,
                    "baseline, " + baseline.label(), (streams, seconds) -> { });
            out.printf("baseline, %s: the same %,d responses through a Kafka Streams application that %s (%s, same "
                    + "settings): %,.0f records/s%n", baseline.label(), settings.responses(), baseline.description(),
                    props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG), rate);
            return rate;
        } finally {
            BenchTopics.delete(admin, config.applicationId(), List.of());
            BenchSupport.deleteQuietly(stateDir);
        }
    }

    private MedPulseStreamsConfig streamsConfig(String name, String registry, Path stateDir) {
        Map<String, Object> config = BenchSupport.streamsSettings(settings.kafkaProperties(), settings.bootstrapServers(),
                registry, "bench", name, stateDir);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        return new MedPulseStreamsConfig(config);
    }

    private double measureRaw(String topic) {
        byte[] value = new byte[RAW_RECORD_BYTES];
        new SplittableRandom(42).nextBytes(value);
        Properties props = clientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        double[] rates = new double[settings.rawRuns()];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            produceRaw(producer, topic, value);
            for (int i = 0; i < rates.length; i++) {
                rates[i] = settings.rawRecords() / produceRaw(producer, topic, value);
            }
        }
        Arrays.sort(rates);
        double median = rates[rates.length / 2];
        out.printf("raw broker: %,d records of %d B, acks=all: %,.0f records/s (median of %d runs after a warm-up)%n",
                settings.rawRecords(), RAW_RECORD_BYTES, median, rates.length);
        return median;
    }

    /** Seconds until every record is acknowledged. */
    private double produceRaw(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) {
        return BenchSupport.secondsToProduce(producer, settings.rawRecords(), i -> new ProducerRecord<>(topic, value));
    }

    /**
     * Puts the first {@code responses} deliveries of a {@link BenchPanel} on the topic (not timed);
     * returns the respondent-waves among them. The panel has as many respondent-waves as there are
     * responses to load, so it has enough deliveries: every respondent-wave has at least one.
     */
    private int load(String topic, String registry, int responses) {
        PanelSimulator.Deliveries deliveries = PanelSimulator.deliveries(BenchPanel.typical(responses, BenchPanel.SEED));
        Serializer<SurveyResponse> avro = ConfluentAvroSerde.specific(SurveyResponse.class,
                Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, registry), false).serializer();
        Properties props = clientProperties(BenchSupport.loaderSettings());
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, SurveyResponse> producer = new KafkaProducer<>(props, new StringSerializer(), avro)) {
            for (int i = 0; i < responses && failure.get() == null; i++) {
                SurveyResponse response = deliveries.next();
                producer.send(BenchSupport.record(topic, response), BenchSupport.keepingFirstFailure(failure));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading the responses failed: " + failure.get().getMessage(), failure.get());
        }
        return Math.toIntExact(deliveries.respondentWaves());
    }

    /** Replays the topic's {@code responses} through the topology; with {@code report}, prints the figures. */
    private double replay(Admin admin, MedPulseStreamsConfig streamsConfig, int responses, int respondentWaves,
                          boolean report) {
        Properties props = streamsConfig.kafkaStreamsProperties("127.0.0.1:1");
        return timeReplay(admin, SurveyTopology.buildTopology(streamsConfig), props, streamsConfig.responsesTopic(),
                report ? "replay" : null, (streams, seconds) -> {
                    if (report) {
                        out.printf("replay: %,d responses through the topology (%s, %d stream thread%s): "
                                + "%,.0f records/s%n", responses, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG),
                                settings.streamThreads(), settings.streamThreads() == 1 ? "" : "s", responses / seconds);
                        printThreadTime(streams, seconds);
                    }
                    verifyCounts(streams, respondentWaves);
                    if (report) {
                        out.printf("checked: waves and responses-latest count the %,d respondent-waves generated%n",
                                respondentWaves);
                    }
                });
    }

    /**
     * Runs {@code topology} over everything on {@code responsesTopic}, from RUNNING until every
     * input offset is committed; hands the running application and the seconds it took to
     * {@code finished}, then closes it and removes its local state. Returns records/s.
     */
    private double timeReplay(Admin admin, Topology topology, Properties props, String responsesTopic,
                              String cpuLabel, BiConsumer<KafkaStreams, Double> finished) {
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            awaitRunning(running);
            CpuTime cpuBefore = CpuTime.now(name -> isStreamThread(applicationId, name));
            long start = System.nanoTime();
            Map<TopicPartition, Long> ends = endOffsets(admin, responsesTopic);
            long end = awaitCommitted(admin, applicationId, ends);
            double seconds = (end - start) / 1e9;
            long records = ends.values().stream().mapToLong(Long::longValue).sum();
            CpuTime cpu = CpuTime.now(name -> isStreamThread(applicationId, name)).minus(cpuBefore);
            finished.accept(streams, seconds);
            if (cpuLabel != null) {
                out.printf("cpu, %s: stream threads %.1f us/record, the whole process (broker, clients, JIT, GC included) "
                        + "%.1f us/record, %.2f of %d cores busy%n", cpuLabel, cpu.threadNanos() / 1e3 / records,
                        cpu.processNanos() / 1e3 / records, cpu.processNanos() / 1e9 / seconds,
                        Runtime.getRuntime().availableProcessors());
            }
            streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
            return records / seconds;
        }
    }

    /**
     * Where the stream threads spent the replay, from Kafka Streams' own thread metrics (total
     * operations x average latency): the first thing to look at when the replay is slow.
     */
    private void printThreadTime(KafkaStreams streams, double seconds) {
        Map<String, Double> totals = new HashMap<>();
        Map<String, Double> averages = new HashMap<>();
        streams.metrics().forEach((name, metric) -> {
            if (!"stream-thread-metrics".equals(name.group()) || !(metric.metricValue() instanceof Double value)
                    || value.isNaN()) {
                return;
            }
            String metricName = name.name();
            if (metricName.endsWith("-total")) {
                totals.merge(metricName.substring(0, metricName.length() - "-total".length()), value, Double::sum);
            } else if (metricName.endsWith("-latency-avg")) {
                averages.merge(metricName.substring(0, metricName.length() - "-latency-avg".length()), value,
                        Math::max);
            }
        });
        StringBuilder line = new StringBuilder("stream threads: ");
        for (String operation : List.of("poll", "process", "punctuate", "commit")) {
            double millis = totals.getOrDefault(operation, 0.0) * averages.getOrDefault(operation, 0.0);
            line.append(String.format("%s %.1f s (%,.0f x %.2f ms), ", operation, millis / 1000,
                    totals.getOrDefault(operation, 0.0), averages.getOrDefault(operation, 0.0)));
        }
        line.append(String.format("of %.1f s", seconds * settings.streamThreads()));
        out.println(line);
    }

    // Kafka Streams names its stream threads after the application.
    private static boolean isStreamThread(String applicationId, String name) {
        return name.startsWith(applicationId + "-") && name.contains("-StreamThread-");
    }

    private static void awaitRunning(CountDownLatch running) {
        try {
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Polls the group's committed offsets until they reach {@code ends}; returns the nanoTime it saw them. */
    private static long awaitCommitted(Admin admin, String groupId, Map<TopicPartition, Long> ends) {
        long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = BenchTopics.get(
                    admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
            long now = System.nanoTime();
            boolean done = ends.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata offset = committed.get(e.getKey());
                return offset != null && offset.offset() >= e.getValue();
            });
            if (done) {
                return now;
            }
            BenchSupport.pause(Duration.ofMillis(20));
        }
        throw new IllegalStateException("Replay not finished within " + REPLAY_TIMEOUT);
    }

    /**
     * The replay must count every generated respondent-wave once, in {@code waves} and in
     * {@code responses-latest}. Interactive queries can be briefly unavailable after a rebalance,
     * so the check is retried for a while before it fails.
     */
    private static void verifyCounts(KafkaStreams streams, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = "nothing (stores not queryable)";
        while (System.nanoTime() < deadline) {
            try {
                int waves = countedRespondents(streams);
                long latest = countLatest(streams);
                if (waves == expected && latest == expected) {
                    return;
                }
                seen = waves + " in waves and " + latest + " in responses-latest";
            } catch (InvalidStateStoreException e) {
                seen = "nothing (" + e.getMessage() + ")";
            }
            BenchSupport.pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Replay counted " + seen + ", expected " + expected + " respondent-waves");
    }

    private static long countLatest(KafkaStreams streams) {
        ReadOnlyKeyValueStore<LatestKey, LatestResponse> latest = streams.store(
                StoreQueryParameters.fromNameAndType(SurveyStores.RESPONSES_LATEST, QueryableStoreTypes.keyValueStore()));
        long count = 0;
        try (KeyValueIterator<LatestKey, LatestResponse> all = latest.all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private static int countedRespondents(KafkaStreams streams) {
        ReadOnlyKeyValueStore<WaveKey, WaveSummary> waves = streams.store(
                StoreQueryParameters.fromNameAndType(SurveyStores.WAVES.name(), QueryableStoreTypes.keyValueStore()));
        int respondents = 0;
        try (KeyValueIterator<WaveKey, WaveSummary> all = waves.all()) {
            while (all.hasNext()) {
                respondents += all.next().value.respondents();
            }
        }
        return respondents;
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < settings.partitions(); p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> offsets = BenchTopics.get(admin.listOffsets(request).all());
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * The application's topics as it would create them (the responses topic keeps old survey
     * timestamps: without that the broker's retention deletes the replay under the benchmark's
     * feet) plus the raw topic; returns their names.
     */
    private List<String> createTopics(Admin admin, String rawTopic, MedPulseStreamsConfig streamsConfig) {
        List<NewTopic> topics = new ArrayList<>(streamsConfig.projectTopics().withSurveyResponsePartitions(settings.partitions()).definitions());
        topics.add(new NewTopic(rawTopic, Optional.of(settings.partitions()), Optional.empty()));
        return BenchTopics.create(admin, topics);
    }

    private Properties clientProperties(Map<String, Object> extra) {
        Properties props = new Properties();
        props.putAll(settings.kafkaProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.putAll(extra);
        return props;
    }
}

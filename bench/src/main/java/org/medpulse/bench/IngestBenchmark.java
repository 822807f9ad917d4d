package org.medpulse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.producer.ingest.FileIngestion;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.IngestSummary;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.ReadRow;
import org.medpulse.producer.ingest.RejectsFile;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.UnusableFileException;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.serde.ConfluentAvroSerializer;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

import com.sun.management.OperatingSystemMXBean;

/**
 * Measures, in one run against the same broker, (1) the raw rate at which the broker takes records
 * of the size ingestion publishes, sent with ingestion's own producer settings, and (2) the rate
 * at which {@code medpulse ingest} ingests a partner CSV file of N rows, through the same code
 * ({@link PartnerFile}, {@link ResponseValidator}, {@link FileIngestion}, {@link RejectsFile}):
 * from opening the file to the committed rejects report, every send acknowledged. Prints both
 * and their ratio (the goal is at least 0.80).
 *
 * <p>The file ({@link BenchPartnerFile}) holds planted rejects: the run checks that exactly those
 * lines were rejected, each on the column its fault concerns, and that the topic holds exactly the
 * other rows. Then it prints the process's peak resident memory. Everything it creates (topics,
 * the file, its rejects report) is removed afterwards.
 */
public final class IngestBenchmark {

    public static final int DEFAULT_ROWS = 1_000_000;
    /** The partner the file is ingested for ({@code --partner}). */
    static final String PARTNER = "bench-partner";
    private static final long SEED = 20_250_601L;
    /** Responses whose serialized records the raw run sends, round after round. */
    private static final int SAMPLE = 10_000;
    /** Raw records sent first, not counted: the JIT, the connections and the producer id warm up. */
    private static final int RAW_WARMUP_RECORDS = 100_000;

    /**
     * @param rows            data rows of the partner file (planted rejects included)
     * @param partitions      partitions of the benchmark topics
     * @param kafkaProperties extra client settings (e.g. security, {@code schema.registry.url}); without
     *                        a registry URL, a registry in this process
     */
    public record Settings(String bootstrapServers, int rows, int partitions, Map<String, Object> kafkaProperties) {

        public Settings {
            kafkaProperties = Map.copyOf(kafkaProperties);
            if (rows < 1 || partitions < 1) {
                throw new IllegalArgumentException("Benchmark sizes must be positive");
            }
        }

        /** N rows, {@link ProjectTopics#DEFAULT_SURVEY_RESPONSE_PARTITIONS} partitions, no extra settings. */
        public static Settings of(String bootstrapServers, int rows) {
            return new Settings(bootstrapServers, rows, ProjectTopics.DEFAULT_SURVEY_RESPONSE_PARTITIONS, Map.of());
        }
    }

    /**
     * The figures of one run, and what did not add up ({@code problems}, empty when every count
     * was exact).
     *
     * @param planted           rows the generator made to be rejected
     * @param onTopic           records on the ingestion topic afterwards
     * @param peakResidentBytes VmHWM of this process (-1 where /proc does not tell)
     */
    public record Result(long rows, long planted, long published, long rejected, long onTopic,
            double rawRecordsPerSecond, double ingestRowsPerSecond, long peakResidentBytes, List<String> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        public double ratio() {
            return ingestRowsPerSecond / rawRecordsPerSecond;
        }

        public boolean exact() {
            return problems.isEmpty();
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public IngestBenchmark(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result run() {
        String rawTopic = "bench-ingest-" + run + "-raw";
        String topic = "bench-ingest-" + run + "-responses";
        String warmupTopic = "bench-ingest-" + run + "-warmup";
        String registryScope = "bench-ingest-" + run;
        Path directory = BenchSupport.temporaryDirectory("medpulse-bench-ingest");
        Properties client = clientProperties("mock://" + registryScope);
        try (Admin admin = Admin.create(adminProperties())) {
            List<String> topics = createTopics(admin, rawTopic, topic, warmupTopic);
            try {
                BenchPartnerFile.Written file = generate(directory.resolve("partner-" + run + ".csv"));
                double raw = measureRaw(rawTopic, file.sample(), client);
                warmUp(file.file(), warmupTopic, client);
                Ingested ingested = ingest(file.file(), topic, client);
                IngestSummary summary = ingested.summary();
                double ingest = summary.rows() / ingested.seconds();
                List<String> problems = new ArrayList<>();
                checkRejects(file, summary, problems);
                long onTopic = recordsOn(admin, topic);
                if (onTopic != file.accepted()) {
                    problems.add("the topic holds " + onTopic + " records, expected the " + file.accepted()
                            + " accepted rows");
                }
                long peak = peakResidentBytes();
                Result result = new Result(file.rows(), file.planted().size(), summary.published(),
                        summary.rejected(), onTopic, raw, ingest, peak, problems);
                if (result.exact()) {
                    out.printf("checked: %,d rejects, exactly the planted lines, each on its column; the topic "
                            + "holds exactly the %,d accepted rows%n", result.rejected(), onTopic);
                } else {
                    problems.forEach(problem -> out.println("COUNT MISMATCH: " + problem));
                }
                out.printf("ratio: %.2f (goal >= 0.80)%n", result.ratio());
                out.println(peak < 0 ? "peak resident memory: unknown (no /proc/self/status)"
                        : String.format("peak resident memory: %,d MiB (VmHWM of the whole JVM: the generator, "
                                + "the raw producer and the ingestion together, and the broker when it runs in this "
                                + "process)", peak >> 20));
                return result;
            } finally {
                BenchTopics.delete(admin, "bench-ingest-" + run, topics);
                InMemorySchemaRegistryClient.dropScope(registryScope);
                BenchSupport.deleteQuietly(directory);
            }
        }
    }

    private BenchPartnerFile.Written generate(Path path) {
        long start = System.nanoTime();
        BenchPartnerFile.Written file = BenchPartnerFile.write(path, settings.rows(), SEED, PARTNER, SAMPLE);
        out.printf("generated: %,d rows (%.1f MB, wave %s, with corrections, redeliveries and late answers), "
                + "%,d of them planted to be rejected, in %.1f s (not timed)%n", file.rows(), file.bytes() / 1e6,
                BenchPartnerFile.WAVE, file.planted().size(), (System.nanoTime() - start) / 1e9);
        return file;
    }

    /**
     * Sends N records with ingestion's producer settings: the keys and Avro values of the file's
     * first responses as ingestion serializes them, round after round, so that the sizes (and what
     * lz4 makes of them) are those of the ingested records. Returns records/s.
     */
    private double measureRaw(String topic, List<SurveyResponse> sample, Properties client) {
        List<byte[]> keys = new ArrayList<>(sample.size());
        List<byte[]> values = new ArrayList<>(sample.size());
        long bytes = 0;
        try (Serializer<SurveyResponse> avro = avroSerializer(client)) {
            for (SurveyResponse response : sample) {
                keys.add(ResponseKey.of(response).getBytes(StandardCharsets.UTF_8));
                values.add(avro.serialize(topic, response));
                bytes += keys.get(keys.size() - 1).length + values.get(values.size() - 1).length;
            }
        }
        Map<String, Object> config = ResponseProducers.producerConfig(client);
        double seconds;
        CpuClock cpu;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            produceRaw(producer, topic, keys, values, Math.min(RAW_WARMUP_RECORDS, settings.rows()));
            cpu = CpuClock.start();
            seconds = produceRaw(producer, topic, keys, values, settings.rows());
            cpu = cpu.stop();
        }
        double rate = settings.rows() / seconds;
        out.printf("raw broker: %,d records of %.0f B on average (key and Avro value of the file's first %,d "
                + "responses, round after round), ingestion's producer settings (acks=%s, idempotence=%s, "
                + "compression=%s, linger.ms=%s, batch.size=%s): %,.0f records/s (after a warm-up of %,d)%n",
                settings.rows(), (double) bytes / sample.size(), sample.size(), config.get(ProducerConfig.ACKS_CONFIG),
                config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), config.get(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                config.get(ProducerConfig.LINGER_MS_CONFIG), config.get(ProducerConfig.BATCH_SIZE_CONFIG), rate,
                Math.min(RAW_WARMUP_RECORDS, settings.rows()));
        out.println("  " + cpu.describe(settings.rows(), "record"));
        return rate;
    }

    /** Seconds until every record is acknowledged. */
    private static double produceRaw(KafkaProducer<byte[], byte[]> producer, String topic, List<byte[]> keys,
            List<byte[]> values, int records) {
        return BenchSupport.secondsToProduce(producer, records,
                i -> new ProducerRecord<>(topic, keys.get(i % keys.size()), values.get(i % keys.size())));
    }

    /**
     * Ingests the file's first rows to a topic of their own, not counted, as the raw run has its
     * warm-up: the measured ingestion then runs compiled code. (A {@code medpulse ingest} process
     * pays the compilation once per run: a few seconds of one core on this machine.)
     */
    private void warmUp(Path file, String topic, Properties client) {
        int rows = Math.min(RAW_WARMUP_RECORDS, settings.rows());
        long[] read = {0};
        try (Producer<String, SurveyResponse> producer = ResponseProducers.create(client);
                RejectsFile.Writer discarded = RejectsFile.writer(file.resolveSibling("warmup" + RejectsFile.SUFFIX))) {
            ResponseValidator validator = ResponseValidator.of(IngestRules.of(PARTNER, IngestRules.DEFAULT_ZONE,
                    Instant.now()));
            long start = System.nanoTime();
            IngestSummary summary = FileIngestion.publishing(validator, producer, topic)
                    .stoppingWhen(() -> read[0]++ >= rows)
                    .ingest(PartnerFile.open(file, warning -> { }), discarded);
            out.printf("warm-up: the file's first %,d rows ingested to a topic of their own, not counted "
                    + "(%,.0f rows/s)%n", summary.rows(), summary.rows() / ((System.nanoTime() - start) / 1e9));
        } catch (UnusableFileException e) {
            throw new IllegalStateException("The generated file is unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code medpulse ingest --partner bench-partner FILE} to {@code topic}: the producer made and
     * connected first (as the command checks that the topic is reachable), then timed from opening
     * the file to the committed rejects report.
     */
    private Ingested ingest(Path file, String topic, Properties client) {
        try (Producer<String, SurveyResponse> producer = ResponseProducers.create(client)) {
            producer.partitionsFor(topic);
            CpuClock cpu = CpuClock.start();
            long start = System.nanoTime();
            ReadingThreadCpu reading = new ReadingThreadCpu(
                    PartnerFile.open(file, warning -> out.println("warning: " + warning)));
            PartnerFile partnerFile = reading;
            ResponseValidator validator = ResponseValidator.of(IngestRules.of(PARTNER, IngestRules.DEFAULT_ZONE,
                    Instant.now()));
            IngestSummary summary;
            try (RejectsFile.Writer report = RejectsFile.writer(RejectsFile.besides(file))) {
                summary = FileIngestion.publishing(validator, producer, topic).ingest(partnerFile, report);
                report.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu = cpu.stop();
            out.printf("ingest: %,d rows through medpulse ingest's code (open and check the file, read, validate, "
                    + "publish, rejects report, every send acknowledged): %,.0f rows/s%n", summary.rows(),
                    summary.rows() / seconds);
            out.println("  " + cpu.describe(summary.rows(), "row"));
            out.printf("  and %.1f µs per row in the thread that read and validated the rows%n",
                    reading.nanos() / 1e3 / summary.rows());
            out.println("  its summary line: " + summary.describe());
            return new Ingested(summary, seconds);
        } catch (UnusableFileException e) {
            throw new IllegalStateException("The generated file is unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU time over a measurement: of the whole process (client threads, and the broker when it
     * runs here) and of the thread that reads or sends. On a shared machine the rates move with
     * the load; CPU time per record moves much less, and tells where a change saves work.
     */
    private record CpuClock(long process, long thread) {

        static CpuClock start() {
            return new CpuClock(processCpuNanos(), ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
        }

        CpuClock stop() {
            CpuClock now = start();
            return new CpuClock(now.process - process, now.thread - thread);
        }

        String describe(long count, String unit) {
            return String.format("CPU: %.1f µs per %s in the process, %.1f µs of them in the %s thread", process / 1e3
                    / count, unit, thread / 1e3 / count, unit.equals("row") ? "ingesting (publishing)" : "sending");
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
        }
    }

    /**
     * The file as ingestion reads it, timing the CPU of the thread that reads its rows (from asking
     * for them to closing them): ingestion reads and validates on a thread of its own, whose CPU
     * time the ingesting thread's does not include.
     */
    private static final class ReadingThreadCpu implements PartnerFile {
        private final PartnerFile file;
        private final AtomicLong nanos = new AtomicLong();

        ReadingThreadCpu(PartnerFile file) {
            this.file = file;
        }

        @Override
        public Path path() {
            return file.path();
        }

        @Override
        public Stream<ReadRow> rows() {
            long started = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            return file.rows().onClose(() -> nanos.addAndGet(
                    ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - started));
        }

        long nanos() {
            return nanos.get();
        }
    }

    /** An ingestion's summary, and the seconds from opening the file to the committed report. */
    private record Ingested(IngestSummary summary, double seconds) {
    }

    /** The report must list exactly the planted lines, each on the column of its fault. */
    private static void checkRejects(BenchPartnerFile.Written file, IngestSummary summary, List<String> problems) {
        if (summary.rejected() != file.planted().size()) {
            problems.add("ingestion rejected " + summary.rejected() + " rows, the generator planted "
                    + file.planted().size());
        }
        if (summary.published() != file.accepted()) {
            problems.add("ingestion published " + summary.published() + " rows, expected " + file.accepted());
        }
        List<String> reported = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(RejectsFile.besides(file.file()), StandardCharsets.UTF_8);
                CSVParser rejects = format.parse(in)) {
            for (CSVRecord reject : rejects) {
                reported.add(reject.get("line") + ":" + reject.get("field"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> expected = file.planted().stream().map(p -> p.line() + ":" + p.fault().field()).toList();
        if (!reported.equals(expected)) {
            List<String> unexpected = new ArrayList<>(reported);
            unexpected.removeAll(expected);
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(reported);
            problems.add("the rejects report differs from the planted rows (line:field): not planted "
                    + unexpected.stream().limit(10).toList() + ", planted but not reported "
                    + missing.stream().limit(10).toList());
        }
    }

    private List<String> createTopics(Admin admin, String rawTopic, String topic, String warmupTopic) {
        // As the application creates survey-responses (kept forever), under the run's names.
        NewTopic responses = ProjectTopics.defaults().withNames(topic, topic + "-dlq", topic + "-catalogue")
                .withSurveyResponsePartitions(settings.partitions()).definitions().get(0);
        List<NewTopic> topics = new ArrayList<>(List.of(responses));
        for (String name : List.of(rawTopic, warmupTopic)) {
            topics.add(new NewTopic(name, responses.numPartitions(), responses.replicationFactor())
                    .configs(responses.configs()));
        }
        return BenchTopics.create(admin, topics);
    }

    private long recordsOn(Admin admin, String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < settings.partitions(); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return BenchTopics.get(admin.listOffsets(latest).all()).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private static Serializer<SurveyResponse> avroSerializer(Properties client) {
        ConfluentAvroSerializer<SurveyResponse> avro = new ConfluentAvroSerializer<>();
        avro.configure(ResponseProducers.serdeConfig(client), false);
        return avro;
    }

    private Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(settings.kafkaProperties());
        props.remove(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }

    private Properties clientProperties(String defaultRegistry) {
        Properties props = new Properties();
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, defaultRegistry);
        props.putAll(settings.kafkaProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc/self/status does not tell. */
    static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the figure is left out.
        }
        return -1;
    }
}

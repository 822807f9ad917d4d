package org.medpulse.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.serde.ConfluentAvroSerde;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How soon a published response shows: publishes new respondents of one wave at a steady rate for a
 * while (exactly-once streams application, defaults as shipped unless settings are given), and
 * meanwhile watches the API ({@code /waves/{wave}/usage}, asked every few milliseconds) and the live
 * stream ({@code /api/v1/stream}). A response's latency is from the producer's acknowledgement to the
 * first moment the API (or the stream) shows at least as many respondents as its rank: partitions
 * make responses visible slightly out of order, so this is the latency of the rank. Prints p50, p90,
 * p99 and max for both, and how many responses were never seen.
 */
public final class FreshnessBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAVE = "bench-fresh";
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    /**
     * @param rate responses per second; {@code warmup} how long they are published first without
     *     being counted, then {@code duration} how long they are published and measured
     */
    public record Settings(String bootstrapServers, int rate, Duration warmup, Duration duration, int partitions,
                           Map<String, Object> kafkaProperties) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            kafkaProperties = Map.copyOf(kafkaProperties);
            if (rate < 1 || partitions < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
                throw new IllegalArgumentException("Rate, partitions and duration must be positive, the warm-up not negative");
            }
        }

        int warmupResponses() {
            return (int) Math.min(Integer.MAX_VALUE / 2, (long) rate * warmup.toSeconds());
        }

        int measuredResponses() {
            return (int) Math.min(Integer.MAX_VALUE / 2, (long) rate * duration.toSeconds());
        }
    }

    /** Latencies in milliseconds, and the responses never seen. */
    public record Figures(int responses, double p50, double p90, double p99, double max, int neverSeen) {
    }

    public record Result(Figures api, Figures stream, double publishedPerSecond) {
    }

    /** When the observer saw how many respondents. */
    private record Seen(long nanos, long respondents) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public FreshnessBenchmark(Settings settings, PrintStream out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
    }

    public Result run() {
        String scope = "bench-fresh-" + run;
        Path stateDir = BenchSupport.temporaryDirectory("medpulse-bench-fresh");
        Map<String, Object> config = BenchSupport.streamsSettings(settings.kafkaProperties(), settings.bootstrapServers(),
                "mock://" + scope, "bench-fresh", run, stateDir);
        config.put(MedPulseStreamsConfig.CREATE_TOPICS, false);
        config.put(MedPulseStreamsConfig.HTTP_PORT, 0);
        StreamsSettings streams = StreamsSettings.of(config);
        MedPulseStreamsConfig streamsConfig = streams.streams();
        try (Admin admin = Admin.create(clientProperties())) {
            List<String> topics = BenchTopics.create(admin,
                    streamsConfig.projectTopics().withSurveyResponsePartitions(settings.partitions()).definitions());
            try (StreamsApplication app = StreamsApplication.start(streams)) {
                return measure(app, streamsConfig.responsesTopic(), "mock://" + scope);
            } finally {
                BenchTopics.delete(admin, streamsConfig.applicationId(), topics);
                InMemorySchemaRegistryClient.dropScope(scope);
                BenchSupport.deleteQuietly(stateDir);
            }
        }
    }

    private Result measure(StreamsApplication app, String topic, String registry) {
        URI base = URI.create("http://127.0.0.1:" + app.httpPort());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        awaitReady(http, base);
        int warm = settings.warmupResponses();
        int total = warm + settings.measuredResponses();
        long[] acknowledged = new long[total];
        Arrays.fill(acknowledged, -1);
        List<Seen> api = new CopyOnWriteArrayList<>();
        List<Seen> stream = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread apiWatcher = daemon("bench-fresh-api", () -> watchApi(http, base, api, watching));
        Thread streamWatcher = daemon("bench-fresh-sse", () -> watchStream(http, base, stream, watching));
        out.printf("publishing: %,d responses at %,d/s to %s (%d partitions), exactly-once, the first %,d (%d s) a warm-up "
                        + "not counted; watching the API every %d ms and the stream%n",
                total, settings.rate(), topic, settings.partitions(), warm, settings.warmup().toSeconds(), POLL.toMillis());
        double published = publish(topic, registry, acknowledged);
        // Both observers get their chance: the stream pushes a little after the API shows, and stopping it
        // with the API would count its last responses as never seen.
        awaitAll(List.of(api, stream), total);
        watching.set(false);
        apiWatcher.interrupt();
        streamWatcher.interrupt();
        Result result = new Result(figures(acknowledged, warm, api), figures(acknowledged, warm, stream), published);
        print(result);
        printBySlice(acknowledged, warm, api);
        return result;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private double publish(String topic, String registry, long[] acknowledged) {
        Map<String, Object> producerConfig = new HashMap<>();
        clientProperties().forEach((key, value) -> producerConfig.put((String) key, value));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long periodNanos = 1_000_000_000L / settings.rate();
        long start;
        try (KafkaProducer<String, SurveyResponse> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                ConfluentAvroSerde.specific(SurveyResponse.class, Map.of(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, registry),
                        false).serializer())) {
            // The first send registers the schema: done before the clock starts.
            producer.send(BenchSupport.record(topic, response(-1))).get(30, TimeUnit.SECONDS);
            start = System.nanoTime();
            for (int i = 0; i < acknowledged.length && failure.get() == null; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int rank = i;
                producer.send(BenchSupport.record(topic, response(i)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged[rank] = System.nanoTime();
                    }
                });
            }
            producer.flush();
        } catch (Exception e) {
            throw new IllegalStateException("Publishing failed", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Publishing failed", failure.get());
        }
        return acknowledged.length / ((System.nanoTime() - start) / 1e9);
    }

    /** The i-th new respondent of the wave ({@code -1}: the one published before the measurement). */
    private static SurveyResponse response(int i) {
        return SurveyResponse.newBuilder()
                .setResponseId("fresh-" + i).setPartnerId("bench").setRespondentId("r" + i).setWaveId(WAVE)
                .setSubmittedAt(Instant.now())
                .setPracticeType(i % 2 == 0 ? PracticeType.GENERAL_PRACTITIONER : PracticeType.SPECIALIST)
                .setSetting(PracticeSetting.HOSPITAL).setUsageFrequency(UsageFrequency.DAILY)
                .setUseCases(List.of()).setExpectedFutureUseCases(List.of()).setBarriers(List.of()).setTools(List.of())
                .build();
    }

    private void watchApi(HttpClient http, URI base, List<Seen> seen, AtomicBoolean watching) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/waves/" + WAVE + "/usage"))
                .timeout(Duration.ofSeconds(5)).build();
        long last = -1;
        while (watching.get()) {
            long asked = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    long respondents = JSON.readTree(response.body()).get("respondents").asLong();
                    if (respondents != last) {
                        // The answer reflects the stores as of some moment between asking and answering:
                        // the time asked is the conservative end (the response was already visible then).
                        seen.add(new Seen(asked, respondents));
                        last = respondents;
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // A failed poll is just a missed observation.
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private void watchStream(HttpClient http, URI base, List<Seen> seen, AtomicBoolean watching) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/stream"))
                .header("Accept", "text/event-stream").build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (!watching.get()) {
                        return;
                    }
                    if (line.startsWith("data:")) {
                        JsonNode event = JSON.readTree(line.substring("data:".length()).trim());
                        if (WAVE.equals(event.path("wave").asText())) {
                            seen.add(new Seen(System.nanoTime(), event.get("respondents").asLong()));
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The stream ended with the run.
        }
    }

    /** Waits until every observer shows every response (and the one published first), or gives up after a while. */
    private static void awaitAll(List<List<Seen>> observers, int total) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline
                && observers.stream().anyMatch(seen -> seen.isEmpty() || seen.get(seen.size() - 1).respondents() < total + 1)) {
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static void awaitReady(HttpClient http, URI base) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            } catch (Exception e) {
                // not up yet
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("The streams application did not become ready within 2 minutes");
    }

    /**
     * The figures of responses {@code from} to {@code to} (exclusive). Response i (rank i + 2 counting
     * the one published first) shows once respondents reach i + 2.
     */
    static Figures figures(long[] acknowledged, int from, int to, List<Seen> seen) {
        List<Double> latencies = new ArrayList<>();
        int neverSeen = 0;
        int next = 0;
        for (int i = from; i < to; i++) {
            long rank = i + 2;
            while (next < seen.size() && seen.get(next).respondents() < rank) {
                next++;
            }
            if (next == seen.size() || acknowledged[i] < 0) {
                neverSeen++;
                continue;
            }
            latencies.add(Math.max(0, seen.get(next).nanos() - acknowledged[i]) / 1e6);
        }
        latencies.sort(Double::compare);
        return new Figures(to - from, percentile(latencies, 0.50), percentile(latencies, 0.90),
                percentile(latencies, 0.99), latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1), neverSeen);
    }

    /** The figures of every response after the first {@code warm}. */
    static Figures figures(long[] acknowledged, int warm, List<Seen> seen) {
        return figures(acknowledged, warm, acknowledged.length, seen);
    }

    /** The API's p99 per 10 s of publishing: whether a bad figure is one stall or the steady state. */
    private void printBySlice(long[] acknowledged, int warm, List<Seen> api) {
        int slice = settings.rate() * 10;
        StringBuilder line = new StringBuilder("API p99 ms per 10 s of publishing:");
        for (int from = warm; from < acknowledged.length; from += slice) {
            line.append(String.format(" %.0f", figures(acknowledged, from, Math.min(acknowledged.length, from + slice), api).p99()));
        }
        out.println(line);
    }

    private static double percentile(List<Double> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    private void print(Result result) {
        out.printf("published: %,.0f responses/s%n", result.publishedPerSecond());
        out.printf("%-8s %9s %9s %9s %9s %9s %10s%n", "via", "responses", "p50 ms", "p90 ms", "p99 ms", "max ms", "never seen");
        row("API", result.api());
        row("stream", result.stream());
    }

    private void row(String via, Figures figures) {
        out.printf("%-8s %,9d %9.0f %9.0f %9.0f %9.0f %,10d%n", via, figures.responses(), figures.p50(), figures.p90(),
                figures.p99(), figures.max(), figures.neverSeen());
    }

    private Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(settings.kafkaProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return props;
    }
}

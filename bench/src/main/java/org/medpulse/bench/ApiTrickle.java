package org.medpulse.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.ResponseIds;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.producer.simulate.PanelWindow;

/**
 * A live trickle of responses while the API is measured: new respondents of the loaded waves, in
 * turn, with the panel's shares of corrections and redeliveries (a correction is a respondent's
 * second response), published at a steady rate by one producer thread. Each response is stamped
 * when it is sent, so the application treats it as live (and commits within
 * {@code medpulse.live.commit.interval.ms}), which keeps the stores, and so the answers, changing
 * throughout the measurement. Respondent ids start with {@code live}: none is a loaded one.
 * Counts the respondents whose response the broker acknowledged, per wave, for the totals check.
 */
final class ApiTrickle implements AutoCloseable {

    private static final long SEED = BenchPanel.SEED + 1;
    // A generation of a wave's live respondents, spread over its month like the panel's: dense enough
    // that corrections (an hour to three days later in the month) come within seconds at 100/s. When a
    // generation runs out the next one starts, with a seed and respondent ids of its own.
    private static final int RESPONDENTS_PER_GENERATION = 10_000;
    // Longer than a period of the slowest trickle (1/s) and than a send blocked on a full buffer.
    private static final Duration STOP_WAIT = Duration.ofSeconds(70);

    private final int rate;
    private final KafkaProducer<String, SurveyResponse> producer;
    private final String topic;
    private final List<String> waveIds;
    private final List<Iterator<SurveyResponse>> waves = new ArrayList<>();
    private final int[] generations;
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private long lastStamp;

    /**
     * Starts publishing {@code rate} responses per second about {@code waveIds} to {@code topic}.
     *
     * @param clientProperties where the broker is (and any security settings)
     */
    static ApiTrickle start(String topic, Serializer<SurveyResponse> avro, Properties clientProperties, List<String> waveIds,
                            int rate) {
        return new ApiTrickle(topic, avro, clientProperties, waveIds, rate);
    }

    private ApiTrickle(String topic, Serializer<SurveyResponse> avro, Properties clientProperties, List<String> waveIds,
                       int rate) {
        if (rate < 1 || waveIds.isEmpty()) {
            throw new IllegalArgumentException("A trickle needs a positive rate and waves");
        }
        this.rate = rate;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.waveIds = List.copyOf(waveIds);
        this.generations = new int[waveIds.size()];
        for (String wave : waveIds) {
            waves.add(generation(wave, 0));
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.putAll(BenchSupport.loaderSettings());
        // A trickle: each response leaves at once rather than waiting for a batch.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), avro);
        this.thread = new Thread(this::publish, "medpulse-bench-trickle");
        thread.setDaemon(true);
        thread.start();
    }

    private void publish() {
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; running.get() && failure.get() == null; i++) {
            long wait = start + i * periodNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int w = (int) (i % waves.size());
            if (!waves.get(w).hasNext()) {
                waves.set(w, generation(waveIds.get(w), ++generations[w]));
            }
            SurveyResponse response = live(waves.get(w).next(), generations[w]);
            String wave = response.getWaveId();
            String respondent = response.getRespondentId();
            producer.send(BenchSupport.record(topic, response), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    acknowledged.computeIfAbsent(wave, key -> ConcurrentHashMap.newKeySet()).add(respondent);
                }
            });
            sent.incrementAndGet();
        }
    }

    private static Iterator<SurveyResponse> generation(String wave, int generation) {
        PanelWindow month = PanelWindow.forWave(wave, Instant.now());
        PanelSettings settings = BenchPanel.withTypicalShares(PanelSettings.of(wave, RESPONDENTS_PER_GENERATION,
                        month.from(), month.to())
                .withPartners(BenchPanel.PARTNERS).withSeed(SEED + generation));
        return PanelSimulator.of(settings).deliveries().iterator();
    }

    /** The simulated response as a live one: another respondent id, stamped now (a later answer is a later stamp). */
    private SurveyResponse live(SurveyResponse simulated, int generation) {
        long now = Math.max(System.currentTimeMillis(), lastStamp + 1);
        lastStamp = now;
        Instant submittedAt = Instant.ofEpochMilli(now);
        String respondent = "live" + generation + "-" + simulated.getRespondentId();
        return SurveyResponse.newBuilder(simulated)
                .setRespondentId(respondent)
                .setSubmittedAt(submittedAt)
                .setResponseId(ResponseIds.derive(simulated.getPartnerId(), respondent, simulated.getWaveId(), submittedAt))
                .build();
    }

    /** Responses sent so far. */
    long sent() {
        return sent.get();
    }

    /** The configured rate, responses per second. */
    int rate() {
        return rate;
    }

    /**
     * Stops publishing and waits for every response sent to be acknowledged; then the respondents
     * per wave that the trickle added to {@code loaded}.
     */
    SortedMap<String, Long> stop(SortedMap<String, Long> loaded) {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("The trickle failed: " + failure.get().getMessage(), failure.get());
        }
        SortedMap<String, Long> totals = new TreeMap<>(loaded);
        acknowledged.forEach((wave, respondents) -> totals.merge(wave, (long) respondents.size(), Long::sum));
        return totals;
    }

    /**
     * Stops publishing, waits for the publishing thread to leave (it sends at most one more response),
     * then closes the producer: closed under a thread still sending, the producer made that thread
     * die with "Cannot perform operation after producer has been closed" when a served run was stopped.
     */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}

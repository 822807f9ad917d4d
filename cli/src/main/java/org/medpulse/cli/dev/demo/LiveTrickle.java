package org.medpulse.cli.dev.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.ResponseIds;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.RateLimiter;
import org.medpulse.producer.publish.ResponsePublisher;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;
import org.medpulse.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current wave moving: publishes simulated responses submitted "now", at a steady
 * rate, on a thread of its own until {@link #close()}.
 *
 * <p>Respondents are drawn from a pool three times the loaded wave's size with the same ids and
 * partners, so about a third of the responses correct a loaded respondent's answer (the topology
 * retracts the old one) and the rest are new respondents or their own later corrections.
 */
public final class LiveTrickle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTrickle.class);
    private static final int POOL_FACTOR = 3;
    private static final double CORRECTION_SHARE = 0.2;

    private final ResponsePublisher<String> publisher;
    private final RateLimiter limiter;
    private final int pool;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopping;
    private long round;
    private Iterator<SurveyResponse> current;

    private LiveTrickle(Producer<String, SurveyResponse> producer, double perSecond, int respondents, Clock clock) {
        this.publisher = new ResponsePublisher<>(producer, Topics.SURVEY_RESPONSES);
        this.limiter = RateLimiter.perSecond(perSecond);
        this.pool = POOL_FACTOR * respondents;
        this.clock = clock;
        this.round = clock.millis();
        this.thread = new Thread(this::run, "medpulse-demo-trickle");
        this.thread.setDaemon(true);
    }

    /** Starts publishing {@code perSecond} responses a second into {@link DemoPanel#CURRENT_WAVE}. */
    public static LiveTrickle start(Producer<String, SurveyResponse> producer, double perSecond, int respondents) {
        LiveTrickle trickle = new LiveTrickle(producer, perSecond, respondents, Clock.systemUTC());
        trickle.thread.start();
        return trickle;
    }

    /** Responses handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    private void run() {
        while (!stopping) {
            limiter.acquire();
            if (stopping) {
                return;
            }
            SurveyResponse response = next();
            publisher.send(response, null, response.getResponseId());
            sent.incrementAndGet();
        }
    }

    /** The simulator's next response, resubmitted now; a fresh seed when a simulated round runs out. */
    private SurveyResponse next() {
        if (current == null || !current.hasNext()) {
            PanelSettings settings = DemoPanel.wave(DemoPanel.CURRENT_WAVE, pool)
                    .withSeed(round++)
                    .withCorrectionShare(CORRECTION_SHARE)
                    .withDuplicateShare(0);
            current = PanelSimulator.of(settings).deliveries().iterator();
        }
        SurveyResponse simulated = current.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return SurveyResponse.newBuilder(simulated)
                .setSubmittedAt(now)
                .setResponseId(ResponseIds.derive(simulated.getPartnerId(), simulated.getRespondentId(),
                        simulated.getWaveId(), now))
                .build();
    }

    /** Stops publishing and waits until every response sent is acknowledged or has failed. */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PublishResult<String> result = publisher.finish();
        result.failures().stream().limit(5).forEach(failure ->
                LOG.warn("Live response {} was not published: {}", failure.source(), failure.reason()));
    }
}

package org.medpulse.producer.deadletter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.producer.publish.SendFailure;

/**
 * Republishes chosen dead letters, once their cause is fixed, with the failed record's original
 * key and value bytes and its own headers (without Kafka Streams' {@code __streams.errors.*}),
 * plus {@value DeadLetterHeaders#REPLAYED_FROM}{@code =topic:partition:offset} naming the dead
 * letter. The key decides the partition, as it did for the original. The timestamp is the dead
 * letter's when the dead-letter topic keeps creation times, otherwise (MedPulse's topic stamps
 * {@code LogAppendTime}) the time of the replay: the pipeline counts {@code submittedAt}, not
 * record times.
 *
 * <p>Replaying is idempotent for the pipeline: a response keeps its response id, and the streams
 * application keeps each respondent's latest response per wave (latest {@code submittedAt}, then
 * the larger {@code responseId}), so a response replayed twice, or replayed after it got through
 * some other way, counts once; one older than the respondent's latest changes nothing.
 *
 * <p>Dead letters named by position are all checked before anything is sent: if one does not
 * exist, nothing is published. Other selections are republished as they are read.
 */
public final class DeadLetterReplayer {

    private final DeadLetterTopic deadLetters;
    private final ReplayTarget target;

    public DeadLetterReplayer(DeadLetterTopic deadLetters, ReplayTarget target) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** A producer for replays: MedPulse's publishing defaults (idempotent, {@code acks=all}), bytes in. */
    public static Producer<byte[], byte[]> producer(Properties clientProperties) {
        Map<String, Object> config = ResponseProducers.producerConfig(clientProperties);
        if (!clientProperties.containsKey(ProducerConfig.CLIENT_ID_CONFIG)) {
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "medpulse-dlq-replay");
        }
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Republishes the dead letters {@code selection} selects and waits until each send is
     * acknowledged or failed.
     *
     * @throws DeadLetterRequestException before anything is sent, if a topic is missing, a named
     *         dead letter does not exist or nothing is selected
     */
    public ReplayResult replay(DeadLetterSelection selection, Producer<byte[], byte[]> producer) {
        return run(selection, Objects.requireNonNull(producer, "producer"));
    }

    /** What {@link #replay} would republish, with the same checks; publishes nothing. */
    public ReplayResult dryRun(DeadLetterSelection selection) {
        return run(selection, null);
    }

    private ReplayResult run(DeadLetterSelection selection, Producer<byte[], byte[]> producer) {
        Sends sends = new Sends(producer);
        target.fixedTopic().ifPresent(topic -> {
            if (!sends.exists(topic)) {
                throw new DeadLetterRequestException("topic '" + topic + "' to replay to does not exist; nothing was "
                        + "replayed");
            }
        });
        DeadLetterScan scan;
        if (selection.namesIds()) {
            List<DeadLetter> found = new ArrayList<>();
            scan = deadLetters.read(selection, found::add);
            SortedSet<DeadLetterId> missing = new TreeSet<>(selection.ids());
            found.forEach(d -> missing.remove(d.id()));
            if (!missing.isEmpty()) {
                throw new DeadLetterRequestException("no dead letter at " + (missing.size() == 1 ? "offset " : "offsets ")
                        + String.join(", ", missing.stream().map(DeadLetterId::toString).toList()) + " in '"
                        + scan.topic() + "' (" + scan.describeOffsets() + "); nothing was replayed");
            }
            found.forEach(sends::send);
        } else {
            scan = deadLetters.read(selection, sends::send);
        }
        if (scan.selected() == 0) {
            throw new DeadLetterRequestException((scan.empty() ? "'" + scan.topic() + "' holds no dead letter"
                    : "no dead letter in '" + scan.topic() + "' (" + scan.describeOffsets() + ") matches "
                            + selection.describe()) + "; nothing was replayed");
        }
        return sends.finish(scan);
    }

    /** The sends of one replay, in the order the dead letters were read. */
    private final class Sends {

        private final Producer<byte[], byte[]> producer;
        private final Map<String, Boolean> topicsExist = new HashMap<>();
        private final List<Pending> pending = new ArrayList<>();
        private final List<SendFailure<DeadLetterId>> failures = new ArrayList<>();

        Sends(Producer<byte[], byte[]> producer) {
            this.producer = producer;
        }

        boolean exists(String topic) {
            return topicsExist.computeIfAbsent(topic, t -> !deadLetters.partitionsOf(t).isEmpty());
        }

        void send(DeadLetter deadLetter) {
            Optional<String> topic = target.topicFor(deadLetter);
            if (topic.isEmpty()) {
                failures.add(new SendFailure<>(deadLetter.id(), "no " + DeadLetterHeaders.SOURCE_TOPIC
                        + " header names its source topic"));
                return;
            }
            if (!exists(topic.get())) {
                failures.add(new SendFailure<>(deadLetter.id(), "topic '" + topic.get() + "' does not exist"));
                return;
            }
            ReplayedLetter letter = new ReplayedLetter(deadLetter.id(), deadLetter.keyText(), deadLetter.reason(),
                    topic.get(), -1, -1);
            if (producer == null) {
                pending.add(new Pending(letter, null));
                return;
            }
            Long timestamp = deadLetter.timestampType() == TimestampType.CREATE_TIME
                    ? deadLetter.timestamp().toEpochMilli() : null;
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.get(), null, timestamp,
                    deadLetter.key(), deadLetter.value(), deadLetter.originalHeaders());
            record.headers().add(DeadLetterHeaders.REPLAYED_FROM, deadLetter.replayMarker().getBytes(UTF_8));
            try {
                pending.add(new Pending(letter, producer.send(record)));
            } catch (KafkaException e) {
                failures.add(new SendFailure<>(deadLetter.id(), describe(e)));
            }
        }

        ReplayResult finish(DeadLetterScan scan) {
            if (producer != null) {
                producer.flush();
            }
            List<ReplayedLetter> replayed = new ArrayList<>();
            for (Pending sent : pending) {
                if (sent.ack() == null) {
                    replayed.add(sent.letter());
                    continue;
                }
                try {
                    RecordMetadata metadata = sent.ack().get();
                    ReplayedLetter letter = sent.letter();
                    replayed.add(new ReplayedLetter(letter.id(), letter.key(), letter.reason(), metadata.topic(),
                            metadata.partition(), metadata.offset()));
                } catch (ExecutionException e) {
                    failures.add(new SendFailure<>(sent.letter().id(), describe(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker's acknowledgements", e);
                }
            }
            return new ReplayResult(replayed, failures, scan, producer == null);
        }

        private static String describe(Throwable error) {
            return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        }
    }

    private record Pending(ReplayedLetter letter, Future<RecordMetadata> ack) {
    }
}

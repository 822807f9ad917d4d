package org.medpulse.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.UsageFrequency;

class ResponsePublisherTest {

    static SurveyResponse response(String respondent) {
        return SurveyResponse.newBuilder().setResponseId("id-" + respondent).setPartnerId("acme")
                .setRespondentId(respondent).setWaveId("w").setSubmittedAt(Instant.parse("2025-06-14T09:30:00Z"))
                .setPracticeType(PracticeType.OTHER).setSetting(PracticeSetting.OTHER).setUsageFrequency(UsageFrequency.NEVER).build();
    }

    @Test
    void everySendIsAccountedForWhetherItCompletesFailsOrThrows() {
        MockProducer<String, SurveyResponse> producer = new MockProducer<>(false, null, new StringSerializer(),
                (topic, value) -> {
                    if (value.getRespondentId().equals("poison")) {
                        throw new SerializationException("registry unreachable");
                    }
                    return new byte[] {1};
                });
        ResponsePublisher<String> publisher = new ResponsePublisher<>(producer, "t");
        publisher.send(response("a"), null, "a");
        publisher.send(response("b"), 1234L, "b");
        publisher.send(response("poison"), null, "poison");
        producer.completeNext();
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("expired"));

        PublishResult<String> result = publisher.finish();

        assertThat(result.acknowledged()).isEqualTo(1);
        // In the order they failed: the serialisation error at once, the broker's later.
        assertThat(result.failures()).extracting(SendFailure::source).containsExactly("poison", "b");
        assertThat(result.failures()).extracting(SendFailure::reason).containsExactly("registry unreachable", "expired");
        assertThat(result.sent()).isEqualTo(3);
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("acme/a", "acme/b");
        assertThat(producer.history().get(1).timestamp()).isEqualTo(1234L);
    }

    @Test
    void finishFlushesWhatIsStillPending() {
        MockProducer<String, SurveyResponse> producer = new MockProducer<>(false, null, new StringSerializer(),
                (topic, value) -> new byte[] {1});
        ResponsePublisher<String> publisher = new ResponsePublisher<>(producer, "t");
        publisher.send(response("a"), null, "a");
        publisher.send(response("b"), null, "b");
        assertThat(publisher.finish().acknowledged()).isEqualTo(2);
    }

    @Test
    void producersAreIdempotentWithAllAcksCompressedAndBatchedUnlessTheUserOverrides() {
        Properties user = new Properties();
        user.put("bootstrap.servers", "broker:9092");
        user.put("schema.registry.url", "http://registry:8081");
        user.put("basic.auth.user.info", "u:p");
        user.put("linger.ms", "50");
        Map<String, Object> config = ResponseProducers.producerConfig(user);
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131072)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "50")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .doesNotContainKeys("schema.registry.url", "basic.auth.user.info");
        assertThat(ResponseProducers.serdeConfig(user)).containsEntry("schema.registry.url", "http://registry:8081");
    }

    @Test
    void aRateLimiterSpacesEvents() {
        RateLimiter limiter = RateLimiter.perSecond(100);
        long started = System.nanoTime();
        for (int i = 0; i < 21; i++) {
            limiter.acquire();
        }
        // 21 events at 100/s need at least 200 ms (the first goes at once); a busy machine only makes it longer.
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(195);
        long unlimitedStart = System.nanoTime();
        RateLimiter unlimited = RateLimiter.unlimited();
        for (int i = 0; i < 100_000; i++) {
            unlimited.acquire();
        }
        assertThat(System.nanoTime() - unlimitedStart).isLessThan(5_000_000_000L);
    }
}

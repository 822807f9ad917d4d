package org.medpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalStackExtensionIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    @Test
    void runsOnThePlatformMavenAskedFor() {
        // The parent pom hands -Dmedpulse.platform (default: embedded) to Failsafe's JVMs.
        assertThat(System.getProperty(Platform.PROPERTY)).as("system property " + Platform.PROPERTY).isNotNull();
        assertThat(STACK.platform()).isEqualTo(Platform.named(System.getProperty(Platform.PROPERTY)));
    }

    @Test
    void givesARealBrokerThatStoresWhatIsProduced() throws Exception {
        STACK.createTopic("smoke", 2);
        try (var producer = new KafkaProducer<String, String>(STACK.clientProperties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("smoke", "k1", "v1")).get();
            producer.send(new ProducerRecord<>("smoke", "k2", "v2")).get();
        }
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(STACK.clientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("smoke"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= 2;
            });
        }
        assertThat(seen).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("k1", "v1"),
                        org.assertj.core.groups.Tuple.tuple("k2", "v2"));
    }
}

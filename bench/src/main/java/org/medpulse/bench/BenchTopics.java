package org.medpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.medpulse.cluster.NewTopics;

/** Creating and removing a benchmark run's topics, for both benchmarks. */
final class BenchTopics {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private BenchTopics() {
    }

    /** Creates {@code topics} and waits until they take writes ({@link NewTopics}); returns their names. */
    static List<String> create(Admin admin, List<NewTopic> topics) {
        CreateTopicsResult created = admin.createTopics(topics);
        get(created.all());
        List<String> names = topics.stream().map(NewTopic::name).toList();
        NewTopics.awaitWritable(admin, created, names, ADMIN_TIMEOUT);
        return names;
    }

    /** Deletes {@code topics} and the internal topics of {@code applicationId}; best effort. */
    static void delete(Admin admin, String applicationId, List<String> topics) {
        try {
            Set<String> names = get(admin.listTopics().names());
            List<String> doomed = new ArrayList<>(topics);
            names.stream().filter(n -> n.startsWith(applicationId + "-")).forEach(doomed::add);
            admin.deleteTopics(doomed).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // A leftover benchmark topic is harmless.
        }
    }

    static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer from Kafka within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

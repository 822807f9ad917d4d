package org.medpulse.cli.producer;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.options.CommandName;
import org.medpulse.cli.options.UsageException;
import org.medpulse.producer.deadletter.DeadLetterReplayer;
import org.medpulse.producer.deadletter.DeadLetterTopic;
import org.medpulse.producer.publish.PublishResult;
import org.medpulse.producer.publish.ResponseProducers;

import picocli.CommandLine;

/**
 * What the producer commands (and the dead-letter commands, which republish) share: the exit
 * codes, printing of {@link UsageException}s as one line with exit code 2, and how producers and
 * consumers are made (replaceable in tests).
 */
final class CommandSupport {

    static final int OK = 0;
    static final int SENDS_FAILED = 1;
    static final int MAX_FAILURES_SHOWN = 5;

    /** Makes producers from client properties; tests swap in Kafka's MockProducer. */
    static Function<Properties, Producer<String, SurveyResponse>> producers = ResponseProducers::create;

    /** Makes the dead-letter commands' consumers and producers (bytes in, bytes out); tests swap in Kafka's mocks. */
    static Function<Properties, Consumer<byte[], byte[]>> deadLetterConsumers = DeadLetterTopic::consumer;
    static Function<Properties, Producer<byte[], byte[]>> deadLetterProducers = DeadLetterReplayer::producer;

    private CommandSupport() {
    }

    /**
     * Fails fast, with one clear line, when the cluster cannot be reached: otherwise every send
     * would wait for metadata in turn.
     */
    static void checkReachable(Producer<String, SurveyResponse> producer, String topic, String bootstrapServers) {
        try {
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + " (is the local stack "
                    + "running? ./medpulse stack) or find topic '" + topic + "'", e);
        }
    }

    /** Prints up to a few failed sends (one line each) and returns the exit code they mean. */
    static int reportFailures(CommandLine.Model.CommandSpec spec, PublishResult<?> result) {
        if (result.failures().isEmpty()) {
            return OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(CommandName.of(spec) + ": " + result.failures().size() + " record(s) could not be published:");
        result.failures().stream().limit(MAX_FAILURES_SHOWN)
                .forEach(f -> err.println("  " + f.source() + ": " + f.reason()));
        if (result.failures().size() > MAX_FAILURES_SHOWN) {
            err.println("  ... and " + (result.failures().size() - MAX_FAILURES_SHOWN) + " more");
        }
        err.flush();
        return SENDS_FAILED;
    }

    /** Runs {@code body}; a {@link UsageException} becomes one line on stderr and exit code 2. */
    static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (UsageException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(CommandName.of(spec) + ": " + e.getMessage());
            err.flush();
            return e.getExitCode();
        }
    }
}

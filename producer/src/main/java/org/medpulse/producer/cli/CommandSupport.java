package org.medpulse.producer.cli;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.apache.kafka.clients.producer.Producer;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.publish.ResponseProducers;

import picocli.CommandLine;

/**
 * What the producer commands share: the exit codes, printing of {@link UsageException}s as one
 * line with exit code 2, and how producers are made (replaceable in tests).
 */
final class CommandSupport {

    static final int OK = 0;
    static final int SENDS_FAILED = 1;

    /** Makes producers from client properties; tests swap in Kafka's MockProducer. */
    static Function<Properties, Producer<String, SurveyResponse>> producers = ResponseProducers::create;

    private CommandSupport() {
    }

    /** Runs {@code body}; a {@link UsageException} becomes one line on stderr and exit code 2. */
    static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (UsageException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("medpulse " + spec.name() + ": " + e.getMessage());
            err.flush();
            return e.getExitCode();
        }
    }
}

package org.medpulse.it.streams;

import java.util.Arrays;

import org.medpulse.avro.SurveyResponse;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.serde.registry.InMemorySchemaRegistryClient;

/**
 * {@code medpulse <args>} in a child JVM, after registering SurveyResponse in the in-memory
 * registry scope {@code args[0]}: the test JVM registered it first in its own scope of that name,
 * so both JVMs give it schema id 1 and the child reads what the test produced. (Until the real
 * registry server lands; then the child can use its URL.)
 */
public final class StreamsChildMain {

    private StreamsChildMain() {
    }

    public static void main(String[] args) {
        InMemorySchemaRegistryClient.forScope(args[0]).register("survey-responses-value", SurveyResponse.getClassSchema());
        MedPulseCommand.main(Arrays.copyOfRange(args, 1, args.length));
    }
}

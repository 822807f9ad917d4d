package org.medpulse.streams.query.store;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** What the tests' Kafka Streams clients are made of: they are never started, so no broker is needed. */
final class UnstartedStreams {

    private UnstartedStreams() {
    }

    static Topology topology() {
        Topology topology = new Topology();
        topology.addSource("responses", "survey-responses");
        return topology;
    }

    static Properties properties(String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}

package org.medpulse.chaos.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * The main class of one broker's JVM: a KRaft node that is both broker and controller (one of the
 * three voters), its data in a directory of its own, formatted on first start. Run as
 * {@code java -cp ... BrokerNodeMain server.properties}; the file also carries the cluster id under
 * {@value #CLUSTER_ID}. It runs until SIGTERM (clean shutdown) or SIGKILL (what the game day does).
 */
public final class BrokerNodeMain {

    /** The cluster id every node formats its directory with; not a Kafka setting. */
    static final String CLUSTER_ID = "medpulse.chaos.cluster.id";
    /** What the node prints once started, for its log. */
    static final String STARTED = "medpulse chaos broker node started";

    private BrokerNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BrokerNodeMain server.properties");
            System.exit(2);
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        String clusterId = (String) props.remove(CLUSTER_ID);
        String dir = props.getProperty("log.dirs");
        formatOnce(Path.of(dir), clusterId, Integer.parseInt(props.getProperty("node.id")),
                props.getProperty("controller.listener.names"));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "broker-shutdown"));
        server.startup();
        System.out.println(STARTED + ": node " + props.getProperty("node.id"));
        System.out.flush();
        server.awaitShutdown();
    }

    private static void formatOnce(Path dir, String clusterId, int nodeId, String controllerListener) throws Exception {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(dir);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream formatterOutput = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(formatterOutput)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(controllerListener)
                    .run();
        } catch (IOException e) {
            throw new IOException("Cannot format " + dir + ": " + output.toString(StandardCharsets.UTF_8), e);
        }
    }
}

package org.medpulse.chaos.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.medpulse.devstack.kafka.LocalPorts;

/**
 * Three Kafka nodes, each in a JVM of its own, each both broker and KRaft controller (three
 * voters, so the quorum survives one node), on fixed ports so that a node killed and restarted
 * comes back where clients expect it. Every topic the cluster creates by default, and its own
 * internal topics, have three replicas and {@code min.insync.replicas=2}: with one node down,
 * every acks=all write still has two copies.
 */
public final class BrokerCluster implements AutoCloseable {

    public static final int NODES = 3;
    public static final int REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Map<Integer, ChildProcess> nodes;
    private final Map<Integer, Integer> kafkaPorts;
    private final Admin admin;

    private BrokerCluster(Map<Integer, ChildProcess> nodes, Map<Integer, Integer> kafkaPorts) {
        this.nodes = nodes;
        this.kafkaPorts = kafkaPorts;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(kafkaPorts),
                AdminClientConfig.CLIENT_ID_CONFIG, "medpulse-chaos-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Broker settings: three replicas and two in sync for everything, small internal topics, fast leader balance. */
    static Map<String, String> clusterSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("default.replication.factor", String.valueOf(REPLICATION_FACTOR));
        settings.put("min.insync.replicas", String.valueOf(MIN_INSYNC_REPLICAS));
        settings.put("offsets.topic.replication.factor", String.valueOf(REPLICATION_FACTOR));
        settings.put("offsets.topic.num.partitions", "6");
        settings.put("transaction.state.log.replication.factor", String.valueOf(REPLICATION_FACTOR));
        settings.put("transaction.state.log.min.isr", String.valueOf(MIN_INSYNC_REPLICAS));
        settings.put("transaction.state.log.num.partitions", "6");
        settings.put("share.coordinator.state.topic.replication.factor", String.valueOf(REPLICATION_FACTOR));
        settings.put("share.coordinator.state.topic.min.isr", String.valueOf(MIN_INSYNC_REPLICAS));
        settings.put("unclean.leader.election.enable", "false");
        // A killed node is fenced, and its leaderships moved, after 6 s without a heartbeat (9 s by default).
        settings.put("broker.session.timeout.ms", "6000");
        settings.put("broker.heartbeat.interval.ms", "1000");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // Give leadership back to preferred replicas soon after a node returns, so that the next
        // "broker leading the most partitions" is a real choice.
        settings.put("leader.imbalance.check.interval.seconds", "15");
        settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        settings.put("num.replica.fetchers", "1");
        return settings;
    }

    /** Starts three nodes with data under {@code directory}, each JVM's output in {@code logs}. */
    public static BrokerCluster start(Path directory, Path logs, String classpath) throws InterruptedException {
        List<Integer> ports = LocalPorts.free(2 * NODES);
        Map<Integer, Integer> kafkaPorts = new TreeMap<>();
        Map<Integer, Integer> controllerPorts = new TreeMap<>();
        for (int id = 1; id <= NODES; id++) {
            kafkaPorts.put(id, ports.get(id - 1));
            controllerPorts.put(id, ports.get(NODES + id - 1));
        }
        String voters = controllerPorts.entrySet().stream()
                .map(e -> e.getKey() + "@" + LocalPorts.HOST + ":" + e.getValue()).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        Map<Integer, ChildProcess> nodes = new TreeMap<>();
        for (int id = 1; id <= NODES; id++) {
            Path config = directory.resolve("node-" + id + ".properties");
            writeConfig(config, id, clusterId, voters, kafkaPorts.get(id), controllerPorts.get(id),
                    directory.resolve("node-" + id));
            nodes.put(id, new ChildProcess("broker " + id, ChildProcess.javaCommand(classpath,
                    List.of("-Xmx400m", "-Xms64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    BrokerNodeMain.class.getName(), List.of(config.toString())), logs.resolve("broker-" + id + ".log")));
        }
        nodes.values().forEach(ChildProcess::start);
        BrokerCluster cluster = new BrokerCluster(nodes, kafkaPorts);
        try {
            cluster.awaitBrokers(Set.copyOf(nodes.keySet()), START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static void writeConfig(Path file, int id, String clusterId, String voters, int kafkaPort,
            int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(id));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://" + LocalPorts.HOST + ":" + kafkaPort + ",CONTROLLER://"
                + LocalPorts.HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + LocalPorts.HOST + ":" + kafkaPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        props.put("metadata.log.dir", dataDir.toAbsolutePath().toString());
        props.putAll(clusterSettings());
        props.put(BrokerNodeMain.CLUSTER_ID, clusterId);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(writer, "broker " + id + " of the chaos cluster");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String bootstrap(Map<Integer, Integer> kafkaPorts) {
        return kafkaPorts.values().stream().map(p -> LocalPorts.HOST + ":" + p).collect(Collectors.joining(","));
    }

    public String bootstrapServers() {
        return bootstrap(kafkaPorts);
    }

    public Set<Integer> nodeIds() {
        return nodes.keySet();
    }

    public Admin admin() {
        return admin;
    }

    public long pid(int node) {
        return nodes.get(node).pid();
    }

    /** SIGKILL on one node's JVM. */
    public void kill(int node) throws InterruptedException {
        nodes.get(node).kill();
    }

    /** Starts a killed node again and waits until the cluster counts it among its brokers. */
    public void restart(int node, Duration timeout) throws InterruptedException {
        nodes.get(node).start();
        awaitBrokers(Set.of(node), timeout);
    }

    /**
     * Waits until the controller has fenced {@code node} (it is no longer among the live brokers)
     * and no partition of any topic is led by it; returns when, or null after {@code timeout}.
     */
    public java.time.Instant awaitFencedAndLeaderless(int node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Collection<Node> live = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                        .nodes().get(10, TimeUnit.SECONDS);
                if (live.stream().noneMatch(n -> n.id() == node) && describe(allTopics()).values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .noneMatch(p -> p.leader() != null && p.leader().id() == node)) {
                    return java.time.Instant.now();
                }
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                // the cluster is electing; ask again
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** Nodes whose JVM has ended (none should, but for one the game day killed). */
    public List<String> deadNodes() {
        List<String> dead = new ArrayList<>();
        nodes.forEach((id, process) -> {
            if (!process.isAlive()) {
                dead.add("broker " + id + " (exit " + process.exitCode() + ")");
            }
        });
        return dead;
    }

    /** How many partitions of {@code topic} each node leads (nodes leading none included). */
    public Map<Integer, Integer> leaderCounts(String topic) throws InterruptedException {
        Map<Integer, Integer> counts = new TreeMap<>();
        nodes.keySet().forEach(id -> counts.put(id, 0));
        for (TopicPartitionInfo partition : describe(List.of(topic)).get(topic).partitions()) {
            Node leader = partition.leader();
            if (leader != null && !leader.isEmpty()) {
                counts.merge(leader.id(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Partitions of any topic whose in-sync replicas are fewer than their replicas, as "topic-partition". */
    public List<String> underReplicated() throws InterruptedException {
        List<String> under = new ArrayList<>();
        describe(allTopics()).forEach((topic, description) -> {
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.isr().size() < partition.replicas().size()) {
                    under.add(topic + "-" + partition.partition());
                }
            }
        });
        return under;
    }

    /**
     * Every topic whose replication or {@code min.insync.replicas} is not what the game day needs,
     * as "topic: replicas r, min.insync.replicas m"; empty when every topic has three replicas and two in sync.
     */
    public List<String> weaklyReplicated() throws InterruptedException {
        Collection<String> topics = allTopics();
        Map<String, TopicDescription> descriptions = describe(topics);
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all());
        List<String> weak = new ArrayList<>();
        for (String topic : new java.util.TreeSet<>(topics)) {
            int replicas = descriptions.get(topic).partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get("min.insync.replicas").value();
            if (replicas != REPLICATION_FACTOR || Integer.parseInt(minIsr) != MIN_INSYNC_REPLICAS) {
                weak.add(topic + ": replicas " + replicas + ", min.insync.replicas " + minIsr);
            }
        }
        return weak;
    }

    public Collection<String> allTopics() throws InterruptedException {
        return get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names());
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) throws InterruptedException {
        return get(admin.describeTopics(topics).allTopicNames());
    }

    private void awaitBrokers(Set<Integer> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Integer, ChildProcess> node : nodes.entrySet()) {
                if (expected.contains(node.getKey()) && !node.getValue().isAlive()) {
                    throw new IllegalStateException(node.getValue().name() + " exited with "
                            + node.getValue().exitCode() + "; its log ends with:" + System.lineSeparator()
                            + node.getValue().tail(30));
                }
            }
            try {
                Collection<Node> brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                        .nodes().get(10, TimeUnit.SECONDS);
                Set<Integer> ids = brokers.stream().map(Node::id).collect(Collectors.toSet());
                if (ids.containsAll(expected)) {
                    return;
                }
                last = "brokers up: " + ids;
            } catch (ExecutionException | TimeoutException e) {
                last = String.valueOf(e.getMessage());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Brokers " + expected + " did not join the cluster within "
                + timeout.toSeconds() + " s (" + last + ")");
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 60 s", e);
        }
    }

    /**
     * Ends every node with SIGKILL: the cluster is thrown away after a game day, and a clean stop of
     * the last two nodes would wait for a controller quorum that no longer exists.
     */
    @Override
    public void close() throws InterruptedException {
        admin.close(Duration.ofSeconds(2));
        for (ChildProcess node : nodes.values()) {
            node.kill();
        }
    }
}

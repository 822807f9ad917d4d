package org.medpulse.chaos.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code medpulse streams} in a JVM of its own, as an operator runs it: its own state directory,
 * a fixed HTTP port (the same after every restart), three replicas for its internal topics. No
 * audiences are configured, so it binds loopback and answers everyone exactly (the analyst's view).
 */
public final class StreamsProcess {

    /** The application id of the game day's streams application; its internal topics start with it. */
    public static final String APPLICATION_ID = "medpulse-chaos";

    private final ChildProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param launcher the command line that runs {@code medpulse} (java, its options, classpath and main class)
     */
    public StreamsProcess(List<String> launcher, String bootstrapServers, String registryUrl, Path stateDir, int port,
            Path log) {
        this.port = port;
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("streams",
                "--bootstrap", bootstrapServers,
                "--registry", registryUrl,
                "--application-id", APPLICATION_ID,
                "--state-dir", stateDir.toAbsolutePath().toString(),
                "--port", String.valueOf(port),
                "--kafka-property", "replication.factor=" + BrokerCluster.REPLICATION_FACTOR,
                "--kafka-property", "topic.min.insync.replicas=" + BrokerCluster.MIN_INSYNC_REPLICAS,
                // A killed member stays in the group until its session expires (45 s by default):
                // the restarted one would wait that long for its partitions.
                "--kafka-property", "session.timeout.ms=10000",
                "--kafka-property", "heartbeat.interval.ms=2000"));
        this.process = new ChildProcess("streams", command, log);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public void start() {
        process.start();
    }

    public void kill() throws InterruptedException {
        process.kill();
    }

    public void stop() throws InterruptedException {
        process.stop(60);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Integer exitCode() {
        return process.exitCode();
    }

    public String tail(int lines) {
        return process.tail(lines);
    }

    /** Whether {@code /health/ready} answers 200: Kafka Streams RUNNING and every store queryable. */
    public boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package org.medpulse.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a game day runs.
 *
 * @param responses      valid responses delivered (partner files and simulator together)
 * @param streamsKills   times the streams process is killed with SIGKILL and restarted
 * @param brokerKills    times the broker leading the most survey-responses partitions is killed and restarted
 * @param registryOutage how long the schema registry is stopped (zero: never)
 * @param seed           the panel, the malformed input and the moments of the faults follow from it
 * @param workDirectory  where the brokers, the registry's topic, the streams state, the partner files and the logs go
 * @param keep           keep the work directory after a successful run (a failed one is always kept)
 * @param apiGrace       how long after a fault ends the API may still not answer before that is an error
 * @param launcher       the command line that runs {@code medpulse} in a child JVM (java, options, classpath, main class)
 * @param classpath      the classpath the brokers' JVMs run with (one holding this module and Kafka)
 */
public record ChaosOptions(long responses, int streamsKills, int brokerKills, Duration registryOutage, long seed,
        Path workDirectory, boolean keep, Duration apiGrace, List<String> launcher, String classpath) {

    public static final long DEFAULT_RESPONSES = 200_000;
    public static final int DEFAULT_STREAMS_KILLS = 10;
    public static final int DEFAULT_BROKER_KILLS = 3;
    public static final Duration DEFAULT_REGISTRY_OUTAGE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_API_GRACE = Duration.ofSeconds(60);

    public ChaosOptions {
        Objects.requireNonNull(registryOutage, "registryOutage");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(apiGrace, "apiGrace");
        Objects.requireNonNull(classpath, "classpath");
        launcher = List.copyOf(launcher);
        if (responses < 100) {
            throw new IllegalArgumentException("--responses must be at least 100, got " + responses);
        }
        if (streamsKills < 0 || brokerKills < 0) {
            throw new IllegalArgumentException("--kills and --broker-kills must not be negative");
        }
        if (registryOutage.isNegative()) {
            throw new IllegalArgumentException("--registry-outage must not be negative, got " + registryOutage);
        }
        if (launcher.isEmpty()) {
            throw new IllegalArgumentException("launcher must name a command");
        }
    }

    /**
     * The defaults, running {@code medpulse} as {@code mainClass} on this JVM's own classpath
     * (what {@code ./medpulse chaos} does with the launcher jar).
     */
    public static ChaosOptions defaults(String mainClass, long seed) {
        String classpath = System.getProperty("java.class.path");
        return new ChaosOptions(DEFAULT_RESPONSES, DEFAULT_STREAMS_KILLS, DEFAULT_BROKER_KILLS, DEFAULT_REGISTRY_OUTAGE,
                seed, Path.of(".medpulse", "chaos"), false, DEFAULT_API_GRACE,
                javaLauncher(classpath, mainClass), classpath);
    }

    /** {@code java -Xmx512m -cp classpath mainClass}, with this JVM's java. */
    public static List<String> javaLauncher(String classpath, String mainClass) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseSerialGC", "-cp", classpath, mainClass);
    }

    public ChaosOptions withResponses(long responses) {
        return new ChaosOptions(responses, streamsKills, brokerKills, registryOutage, seed, workDirectory, keep, apiGrace,
                launcher, classpath);
    }

    public ChaosOptions withKills(int streamsKills, int brokerKills) {
        return new ChaosOptions(responses, streamsKills, brokerKills, registryOutage, seed, workDirectory, keep, apiGrace,
                launcher, classpath);
    }

    public ChaosOptions withRegistryOutage(Duration outage) {
        return new ChaosOptions(responses, streamsKills, brokerKills, outage, seed, workDirectory, keep, apiGrace,
                launcher, classpath);
    }

    public ChaosOptions withWorkDirectory(Path directory, boolean keep) {
        return new ChaosOptions(responses, streamsKills, brokerKills, registryOutage, seed, directory, keep, apiGrace,
                launcher, classpath);
    }
}

package org.medpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's jar as production runs it: it starts, offers the pipeline's commands and only
 * them, works without the dev platform, and carries no Kafka broker class (the dependency ban
 * keeps them from the build; this checks what was actually packed).
 */
class PipelineJarIT {

    static final Path JAR = Path.of(System.getProperty("medpulse.pipeline.jar", "target/medpulse-pipeline.jar"));
    static final Path EXAMPLES = Path.of(System.getProperty("medpulse.examples", "../producer/examples"));

    @Test
    void offersThePipelinesCommandsAndNotTheDevPlatforms() throws Exception {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("ingest", "simulate", "export", "replay", "dlq", "streams", "ptable")
                .doesNotContain("  stack", "  demo", "  bench", "  chaos");
        assertThat(run("stack").exitCode()).as("stack is the dev platform's").isEqualTo(2);
        Run dlq = run("dlq", "--help");
        assertThat(dlq.exitCode()).isZero();
        assertThat(dlq.output()).contains("list", "replay");
    }

    @Test
    void validatesAPartnerFileWithoutAnyPlatform(@TempDir Path tmp) throws Exception {
        Path rejects = tmp.resolve("rejects.csv");

        Run ingest = run("ingest", "--partner", "acme", "--dry-run", "--rejects", rejects.toString(),
                EXAMPLES.resolve("acme-2025-06.csv").toString());

        assertThat(ingest.exitCode()).as(ingest.output()).isZero();
        assertThat(ingest.output()).contains("rows=8", "rejected=3");
        assertThat(Files.readAllLines(rejects)).hasSize(4);
    }

    @Test
    void printsThePerturbationTableWithoutAnyPlatform() throws Exception {
        Run ptable = run("ptable", "--D", "5", "--V", "3", "--js", "3");

        assertThat(ptable.exitCode()).as(ptable.output()).isZero();
        assertThat(ptable.output()).startsWith("i,j,p,v,p_int_lb,p_int_ub,type")
                .contains("0,0,1,0,0,1,all", "every original count >= 1 gets variance V=3");
        Run refused = run("ptable", "--js", "9");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("js=9 is too large for D=5");
    }

    @Test
    void carriesNoBrokerNoDevPlatformNoTestSupportAndNoBenchmark() throws IOException {
        List<String> forbidden = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> name.startsWith("kafka/")                       // kafka_2.13 (Scala broker)
                            || name.startsWith("org/apache/kafka/metadata/")        // kafka-metadata
                            || name.startsWith("org/apache/kafka/controller/")      // kafka-metadata
                            || name.startsWith("org/apache/kafka/raft/")            // kafka-raft
                            || name.startsWith("org/apache/kafka/server/config/")   // kafka-server
                            || name.startsWith("org/apache/kafka/server/share/")    // kafka-server
                            || name.startsWith("org/testcontainers/")               // testkit's container platform
                            || name.startsWith("org/medpulse/testkit/")
                            || name.startsWith("org/medpulse/devstack/")
                            || name.startsWith("org/medpulse/bench/")
                            || name.startsWith("org/medpulse/chaos/")
                            || name.startsWith("org/medpulse/cli/dev/"))
                    .limit(10)
                    .forEach(forbidden::add);
            assertThat(jar.getEntry("org/medpulse/cli/MedPulseCommand.class")).isNotNull();
            assertThat(jar.getEntry("org/medpulse/streams/app/StreamsApplication.class")).isNotNull();
        }
        assertThat(forbidden).isEmpty();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}

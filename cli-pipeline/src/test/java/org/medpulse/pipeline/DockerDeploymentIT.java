package org.medpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.cluster.ProjectTopics;
import org.medpulse.streams.api.ApiServer;
import org.medpulse.streams.api.HealthCheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The deployment on Docker, checked without a Docker engine (there is none here or in CI): the
 * Dockerfile copies the jar this build produces, runs it as an unprivileged user and checks
 * readiness with a script that works on the JRE image; docker-compose.yml is valid for
 * {@code docker-compose config -q} (where docker-compose is installed), its MedPulse services run
 * commands MedPulse accepts, wired as the pipeline needs, and its topics are ProjectTopics'.
 */
class DockerDeploymentIT {

    static final Path ROOT = Path.of(System.getProperty("medpulse.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = Path.of(System.getProperty("medpulse.pipeline.jar", "target/medpulse-pipeline.jar"))
            .toAbsolutePath().normalize();
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    static final Path DOCKERFILE = ROOT.resolve("Dockerfile");

    static List<Instruction> dockerfile;
    static JsonNode services;

    /** One Dockerfile instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    @BeforeAll
    static void read() throws IOException {
        dockerfile = instructions(Files.readAllLines(DOCKERFILE));
        services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE_FILE.toFile()).get("services");
    }

    // --- Dockerfile ---

    @Test
    void buildsOnTheOfficialTemurinJre() {
        assertThat(all("FROM")).extracting(Instruction::arguments).containsExactly("eclipse-temurin:17-jre");
    }

    @Test
    void copiesTheJarThisBuildProducesAndRunsIt() {
        Map<String, String> copies = copies();
        String jarInImage = copies.get("cli-pipeline/target/medpulse-pipeline.jar");

        assertThat(jarInImage).as("COPY of the pipeline's jar").isNotNull();
        assertThat(ROOT.resolve("cli-pipeline/target/medpulse-pipeline.jar").normalize()).isEqualTo(JAR);
        assertThat(JAR).as("the jar the build produces").isRegularFile();
        assertThat(exec(last("ENTRYPOINT"))).containsExactly("java", "-jar", jarInImage);
    }

    @Test
    void copiesOnlyFilesThatExistAndThatTheBuildContextLetsThrough() throws IOException {
        List<String> contextRules = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(copies()).isNotEmpty().allSatisfy((source, target) -> {
            assertThat(ROOT.resolve(source)).as("COPY source").exists();
            assertThat(contextRules).as(".dockerignore").contains("*", "!" + source);
        });
    }

    @Test
    void runsAsAnUnprivilegedUserItCreates() {
        String user = last("USER").arguments();

        assertThat(user).isNotBlank().isNotIn("root", "0", "0:0", "root:root");
        assertThat(all("RUN")).extracting(Instruction::arguments)
                .anySatisfy(run -> assertThat(run).contains("useradd").contains(" " + user.split(":")[0]));
        assertThat(dockerfile.indexOf(last("USER"))).as("USER before ENTRYPOINT")
                .isLessThan(dockerfile.indexOf(last("ENTRYPOINT")));
    }

    @Test
    void checksReadinessWithTheScriptItCopies() {
        String healthcheck = last("HEALTHCHECK").arguments();
        String command = healthcheck.substring(healthcheck.indexOf("CMD ") + "CMD ".length());

        assertThat(exec(command)).containsExactly(copies().get("docker/healthcheck.sh"), "/health/ready");
        assertThat(healthcheck).contains("--interval=", "--timeout=", "--start-period=");
        assertThat(ROOT.resolve("docker/healthcheck.sh")).isExecutable();
    }

    @Test
    void theHealthCheckScriptTellsAReadyInstanceFromOneThatIsNot() throws Exception {
        assumeTrue(onPath("bash").isPresent(), "bash is not installed here: the health check script was not run");
        AtomicBoolean ready = new AtomicBoolean(false);
        HealthCheck health = new HealthCheck() {
            @Override
            public Status live() {
                return Status.up("RUNNING");
            }

            @Override
            public Status ready() {
                return ready.get() ? Status.up("RUNNING") : Status.down("REBALANCING", "stores not queryable yet");
            }
        };
        // The application's own HTTP server and health endpoints, on a free port.
        try (ApiServer server = ApiServer.start("127.0.0.1", 0, health)) {
            Run notReady = healthcheck(server.port());
            ready.set(true);
            Run isReady = healthcheck(server.port());

            assertThat(notReady.exitCode()).as(notReady.output()).isEqualTo(1);
            assertThat(notReady.output()).contains("503");
            assertThat(isReady.exitCode()).as(isReady.output()).isZero();
            ready.set(false);
            assertThat(healthcheck(server.port()).exitCode()).isEqualTo(1);
        }
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(healthcheck(closedPort).exitCode()).as("nothing listening").isEqualTo(1);
    }

    // --- docker-compose.yml ---

    @Test
    void isAValidComposeFileForDockerCompose() throws Exception {
        Optional<Path> compose = onPath("docker-compose");
        assumeTrue(compose.isPresent(), "docker-compose is not installed here: `docker-compose config -q` was not run "
                + "(.ci/run installs Debian's docker-compose)");
        String valid = Files.readString(COMPOSE_FILE);

        Run config = run(Optional.empty(), "docker-compose", "-f", COMPOSE_FILE.toString(), "config", "-q");
        // The same check refuses a broken copy: it does validate.
        Run broken = run(Optional.of(valid.replace("service_completed_successfully", "service_completed")),
                "docker-compose", "-f", "-", "config", "-q");

        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(config.output()).isEmpty();
        assertThat(broken.exitCode()).isNotZero();
        assertThat(broken.output()).contains("service_completed");
    }

    @Test
    void runsKafkaOfTheVersionOfTheProjectsJars() {
        List<String> kafkaImages = new ArrayList<>();
        services.forEach(service -> Optional.ofNullable(service.get("image")).map(JsonNode::asText)
                .filter(image -> image.startsWith("apache/kafka:")).ifPresent(kafkaImages::add));

        assertThat(kafkaImages).isNotEmpty().containsOnly("apache/kafka:" + AppInfoParser.getVersion());
    }

    @Test
    void createsTheTopicsAsProjectTopicsDefinesThemAndWaitsUntilTheyTakeWrites() {
        String script = services.get("kafka-topics").get("command").get(0).asText();
        Map<String, NewTopic> created = new LinkedHashMap<>();
        Map<String, Integer> awaited = new HashMap<>();
        for (String line : script.lines().map(String::strip).toList()) {
            List<String> words = Arrays.asList(line.split("\\s+"));
            if (words.get(0).equals("topics") && words.contains("--topic")) {
                String name = words.get(words.indexOf("--topic") + 1);
                int partitions = Integer.parseInt(words.get(words.indexOf("--partitions") + 1));
                Map<String, String> configs = new HashMap<>();
                for (int i = 0; i < words.size() - 1; i++) {
                    if (words.get(i).equals("--config")) {
                        String[] entry = words.get(i + 1).split("=", 2);
                        configs.put(entry[0], entry[1]);
                    }
                }
                created.put(name, new NewTopic(name, partitions, (short) 1).configs(configs));
            } else if (words.get(0).equals("writable") && words.size() == 3) {
                awaited.put(words.get(1), Integer.parseInt(words.get(2)));
            }
        }

        List<NewTopic> defined = ProjectTopics.defaults().definitions();
        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(defined.stream().map(NewTopic::name).toList());
        for (NewTopic topic : defined) {
            assertThat(created.get(topic.name()).numPartitions()).as(topic.name()).isEqualTo(topic.numPartitions());
            assertThat(created.get(topic.name()).configs()).as(topic.name()).isEqualTo(topic.configs());
            assertThat(awaited.get(topic.name())).as("writable " + topic.name()).isEqualTo(topic.numPartitions());
        }
    }

    @Test
    void runsTwoStreamsInstancesSharingTheWorkEachReachableUnderItsOwnName() {
        Map<String, ParseResult> streams = medpulseServices("streams");

        assertThat(streams).hasSize(2);
        List<String> published = new ArrayList<>();
        streams.forEach((name, command) -> {
            JsonNode service = services.get(name);
            assertThat(service.get("hostname").asText()).as(name + " hostname").isEqualTo(name);
            assertThat(command.matchedOptionValue("--advertised-host", "")).as(name).isEqualTo(name);
            assertThat(command.matchedOptionValue("--http-host", "")).as(name + " binds every interface").isEqualTo("0.0.0.0");
            // Beyond loopback an instance needs audiences: the public's method, and analysts' tokens from the environment.
            assertThat(command.matchedOptionValue("--disclosure", "")).as(name).isEqualTo("cell-key");
            assertThat(service.get("environment").get("MEDPULSE_API_TOKENS").asText()).as(name)
                    .isEqualTo("${MEDPULSE_API_TOKENS:-}");
            assertThat(command.matchedOptionValue("--application-id", "default")).as("one application id")
                    .isEqualTo("default");
            assertThat(command.matchedOptionValue("--bootstrap", "")).isEqualTo("kafka:19092");
            assertThat(command.matchedOptionValue("--registry", "")).isEqualTo("http://schema-registry:8081");
            int port = command.matchedOptionValue("--port", -1);
            assertThat(port).as("the port the image's health check asks").isEqualTo(7070);
            String stateDir = command.matchedOptionValue("--state-dir", Path.of("")).toString();
            assertThat(texts(service.get("volumes"))).as(name + " keeps its state in a volume of its own")
                    .containsExactly(name + "-state:" + stateDir);
            texts(service.get("ports")).forEach(mapping -> {
                assertThat(mapping).endsWith(":" + port).startsWith("127.0.0.1:");
                published.add(mapping);
            });
            assertWaitsForThePlatform(name);
        });
        assertThat(published).as("the dashboard on one published port").containsExactly("127.0.0.1:8080:7070");
    }

    @Test
    void ingestsEachFileOfAMountedDropFolder() {
        Map<String, ParseResult> ingest = medpulseServices("ingest");

        assertThat(ingest).hasSize(1);
        ingest.forEach((name, command) -> {
            JsonNode service = services.get(name);
            Path watched = command.matchedOptionValue("--watch", null);
            assertThat(watched).as("--watch").isNotNull();
            assertThat(texts(service.get("volumes"))).anySatisfy(volume ->
                    assertThat(volume).startsWith("./drop/").endsWith(":" + watched));
            assertThat(command.matchedOptionValue("--bootstrap", "")).isEqualTo("kafka:19092");
            assertThat(command.matchedOptionValue("--registry", "")).isEqualTo("http://schema-registry:8081");
            assertThat(service.get("healthcheck").get("disable").asBoolean()).as("no HTTP health here").isTrue();
            assertThat(service.get("user").asText()).doesNotStartWith("0").doesNotStartWith("root");
            assertWaitsForThePlatform(name);
        });
    }

    // --- helpers ---

    /** The services running {@code command} of the MedPulse image, with their arguments as MedPulse parses them. */
    private static Map<String, ParseResult> medpulseServices(String command) {
        Map<String, ParseResult> found = new LinkedHashMap<>();
        services.fields().forEachRemaining(service -> {
            JsonNode args = service.getValue().get("command");
            if (service.getValue().has("build") && args != null && args.get(0).asText().equals(command)) {
                assertThat(service.getValue().get("build").asText()).isEqualTo(".");
                ParseResult parsed = MedPulseCommand.commandLine(false).parseArgs(texts(args).toArray(String[]::new));
                found.put(service.getKey(), parsed.subcommand());
            }
        });
        return found;
    }

    private static void assertWaitsForThePlatform(String name) {
        JsonNode dependsOn = services.get(name).get("depends_on");
        assertThat(dependsOn.get("kafka").get("condition").asText()).as(name).isEqualTo("service_healthy");
        assertThat(dependsOn.get("schema-registry").get("condition").asText()).as(name).isEqualTo("service_healthy");
        assertThat(dependsOn.get("kafka-topics").get("condition").asText()).as(name)
                .isEqualTo("service_completed_successfully");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> texts.add(node.asText()));
        }
        return texts;
    }

    private static List<Instruction> instructions(List<String> lines) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String[] parts = current.toString().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
            current.setLength(0);
        }
        return instructions;
    }

    private static List<Instruction> all(String keyword) {
        return dockerfile.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        assertThat(found).as(keyword).isNotEmpty();
        return found.get(found.size() - 1);
    }

    /** COPY source → destination. */
    private static Map<String, String> copies() {
        Map<String, String> copies = new LinkedHashMap<>();
        for (Instruction copy : all("COPY")) {
            String[] parts = copy.arguments().split("\\s+");
            assertThat(parts).as("COPY " + copy.arguments()).hasSize(2);
            copies.put(parts[0], parts[1]);
        }
        return copies;
    }

    /** The words of an exec-form (JSON array) instruction. */
    private static List<String> exec(Object instruction) {
        String arguments = instruction instanceof Instruction i ? i.arguments() : (String) instruction;
        try {
            List<String> words = new ArrayList<>();
            new ObjectMapper().readTree(arguments).forEach(word -> words.add(word.asText()));
            return words;
        } catch (IOException e) {
            throw new AssertionError("not in exec form (a JSON array): " + arguments, e);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private record Run(int exitCode, String output) {
    }

    private static Run healthcheck(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("docker/healthcheck.sh").toString(), "/health/ready")
                .redirectErrorStream(true);
        builder.environment().put("MEDPULSE_HEALTH_PORT", Integer.toString(port));
        return finish(builder.start(), Optional.empty());
    }

    private static Run run(Optional<String> input, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        return finish(process, input);
    }

    private static Run finish(Process process, Optional<String> input) throws Exception {
        try (var stdin = process.getOutputStream()) {
            if (input.isPresent()) {
                stdin.write(input.get().getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(process.info().commandLine().orElse("process") + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), output.strip());
    }
}

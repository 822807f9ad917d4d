package org.medpulse.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.medpulse.cluster.NewTopics;
import org.medpulse.cluster.ProjectTopics;
import org.opentest4j.TestAbortedException;

/**
 * Gives a test class a real Kafka broker and, on first use, a Confluent-compatible schema registry
 * stored in that broker's {@code _schemas} topic. Register it as a static field:
 * {@code @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension();}
 *
 * <p>The system property {@value Platform#PROPERTY} chooses the platform (see {@link Platform}):
 * by default an in-process broker (Kafka's test kit) and devstack's registry, ready in about two
 * seconds, no Docker needed; with {@code containers}, the official images {@code apache/kafka} and
 * {@code confluentinc/cp-schema-registry} through Testcontainers. Tests see the same API either way.
 * Asked for containers where there is no Docker engine, the class is skipped (JUnit reports its
 * tests skipped, with the reason) and says why in one line on the console, which Maven shows even
 * though Surefire and Failsafe send the tests' own output to files; an unknown value fails the
 * class, naming the values allowed. One platform per test class.
 */
public final class LocalStackExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    /** The JVM's own standard error: Maven prints it, where it puts System.out and System.err in files. */
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private final Supplier<String> platformProperty;
    private final BooleanSupplier dockerAvailable;
    private final Consumer<String> console;
    private Platform platform;
    private TestPlatform running;

    /** The platform the system property {@value Platform#PROPERTY} names, when the class starts. */
    public LocalStackExtension() {
        this(() -> System.getProperty(Platform.PROPERTY), ContainerPlatform::dockerAvailable, CONSOLE::println);
    }

    /** For tests of the choice: the property's value, whether Docker is there, and where a skip is said. */
    LocalStackExtension(Supplier<String> platformProperty, BooleanSupplier dockerAvailable, Consumer<String> console) {
        this.platformProperty = platformProperty;
        this.dockerAvailable = dockerAvailable;
        this.console = console;
    }

    /** Skips the class when its platform cannot run here; decided once, for the class. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || platform != null) {
            return ConditionEvaluationResult.enabled("the platform is chosen for the class");
        }
        try {
            platform = Platform.choose(platformProperty.get(), dockerAvailable);
            return ConditionEvaluationResult.enabled("runs on the " + platform.value() + " platform");
        } catch (TestAbortedException skip) {
            console.accept(context.getDisplayName() + " skipped: " + skip.getMessage());
            return ConditionEvaluationResult.disabled(skip.getMessage());
        } catch (IllegalArgumentException unknown) {
            return ConditionEvaluationResult.enabled("an unknown platform fails the class in beforeAll");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (platform == null) {
            platform = Platform.choose(platformProperty.get(), dockerAvailable);
        }
        running = platform.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (running != null) {
            try {
                running.close();
            } finally {
                running = null;
            }
        }
    }

    /** The platform this class runs on (known once the class has started). */
    public Platform platform() {
        return platform;
    }

    public String bootstrapServers() {
        return stack().bootstrapServers();
    }

    /** The registry's URL; the registry starts on the first call. */
    public String registryUrl() {
        return stack().registryUrl();
    }

    private TestPlatform stack() {
        if (running == null) {
            throw new IllegalStateException("No platform is running: register LocalStackExtension on a static field "
                    + "with @RegisterExtension, and use it from the test class's tests");
        }
        return running;
    }

    /** Client properties with the bootstrap servers set, plus {@code extra}. */
    public Properties clientProperties(Map<String, ?> extra) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.putAll(extra);
        return props;
    }

    /** Creates those of {@code topics} that are missing, as the application would at start-up. */
    public void createTopics(ProjectTopics topics) {
        try (Admin admin = Admin.create(clientProperties(Map.of()))) {
            topics.ensure(admin, Duration.ofSeconds(30));
        }
    }

    /** Creates {@code topic} with {@code partitions} partitions unless it exists, and waits until it takes writes. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(clientProperties(Map.of()))) {
            CreateTopicsResult created = admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)));
            created.all().get();
            NewTopics.awaitWritable(admin, created, List.of(topic), Duration.ofSeconds(30));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted creating topic " + topic, e);
        }
    }
}

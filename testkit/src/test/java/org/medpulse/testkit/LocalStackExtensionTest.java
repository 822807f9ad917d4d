package org.medpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What JUnit reports for a test class whose platform cannot run: the class runs on JUnit's own
 * launcher here and its events are recorded, as Surefire and Failsafe receive them (they count a
 * skipped class's tests as skipped, with the reason in their XML reports).
 */
class LocalStackExtensionTest {

    private static final String NO_DOCKER = "medpulse.platform=containers needs a Docker engine and Testcontainers "
            + "found none here; the embedded platform (the default) needs none";

    @Test
    void aClassAskingForContainersWithoutDockerIsReportedSkippedNotFailedAndSaysWhyInOneLine() {
        ContainersWithoutDocker.CONSOLE.clear();

        List<String> events = run(ContainersWithoutDocker.class);

        assertThat(events).containsExactly("SKIPPED LocalStackExtensionTest$ContainersWithoutDocker: " + NO_DOCKER);
        assertThat(ContainersWithoutDocker.CONSOLE)
                .containsExactly("LocalStackExtensionTest$ContainersWithoutDocker skipped: " + NO_DOCKER);
    }

    @Test
    void aClassAskingForAnUnknownPlatformFailsSayingWhich() {
        List<String> events = run(UnknownPlatform.class);

        assertThat(events).containsExactly("FAILED LocalStackExtensionTest$UnknownPlatform: medpulse.platform=kraft is not a platform: "
                + "use embedded or containers (embedded when unset)");
    }

    @Test
    void theStackIsOnlyThereForTheTestsOfTheClass() {
        LocalStackExtension notStarted = new LocalStackExtension(() -> null, () -> false, line -> { });

        assertThat(notStarted.platform()).isNull();
        assertThatThrownBy(notStarted::bootstrapServers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }

    /** Every test or class that did not succeed: its status, its name and why; tests started are listed too. */
    private static List<String> run(Class<?> testClass) {
        List<String> events = new ArrayList<>();
        TestExecutionListener recorder = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier identifier) {
                if (identifier.isTest()) {
                    events.add("STARTED " + identifier.getDisplayName());
                }
            }

            @Override
            public void executionSkipped(TestIdentifier identifier, String reason) {
                events.add("SKIPPED " + identifier.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    events.add(result.getStatus() + " " + identifier.getDisplayName() + ": "
                            + result.getThrowable().map(Throwable::getMessage).orElse(""));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), recorder);
        return events;
    }

    /** Run by the tests above only (Surefire leaves nested classes out). */
    static class ContainersWithoutDocker {

        static final List<String> CONSOLE = new ArrayList<>();

        @RegisterExtension
        static final LocalStackExtension STACK = new LocalStackExtension(() -> "containers", () -> false, CONSOLE::add);

        @Test
        void usesTheBroker() {
            STACK.bootstrapServers();
        }
    }

    static class UnknownPlatform {

        @RegisterExtension
        static final LocalStackExtension STACK = new LocalStackExtension(() -> "kraft", () -> true, line -> { });

        @Test
        void usesTheBroker() {
            STACK.bootstrapServers();
        }
    }
}

package org.medpulse.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.opentest4j.TestAbortedException;

/**
 * Where {@link LocalStackExtension} runs the broker and the registry, chosen by the system property
 * {@value #PROPERTY} (from Maven: {@code mvn -B verify -Dmedpulse.platform=containers}; the parent
 * pom hands it to Failsafe's forked JVMs).
 */
public enum Platform {

    /** The default: Kafka's test kit in-process and devstack's registry. No Docker. */
    EMBEDDED("embedded"),
    /** {@code apache/kafka} and {@code confluentinc/cp-schema-registry} through Testcontainers. Needs Docker. */
    CONTAINERS("containers");

    public static final String PROPERTY = "medpulse.platform";

    private final String value;

    Platform(String value) {
        this.value = value;
    }

    /** The property's value naming this platform. */
    public String value() {
        return value;
    }

    /**
     * The platform {@code value} names: {@link #EMBEDDED} when it is unset or blank; case and
     * surrounding blanks do not matter.
     *
     * @throws IllegalArgumentException naming the value and the ones allowed, for any other value
     */
    public static Platform named(String value) {
        if (value == null || value.isBlank()) {
            return EMBEDDED;
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.value.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(PROPERTY + "=" + value + " is not a platform: use "
                        + Arrays.stream(values()).map(p -> p.value).collect(Collectors.joining(" or "))
                        + " (" + EMBEDDED.value + " when unset)"));
    }

    /**
     * The platform to run a test class on: the one {@code value} names, provided it can run here.
     * Docker is only asked about when containers are.
     *
     * @throws IllegalArgumentException for a value that names no platform: a typo must not quietly
     *         run the other platform
     * @throws TestAbortedException when containers are asked for and there is no Docker engine: the
     *         class is reported skipped, with a one-line reason, never failed
     */
    public static Platform choose(String value, BooleanSupplier dockerAvailable) {
        Platform platform = named(value);
        if (platform == CONTAINERS && !dockerAvailable.getAsBoolean()) {
            throw new TestAbortedException(PROPERTY + "=" + CONTAINERS.value + " needs a Docker engine and "
                    + "Testcontainers found none here; the " + EMBEDDED.value + " platform (the default) needs none");
        }
        return platform;
    }

    TestPlatform start() throws Exception {
        return switch (this) {
            case EMBEDDED -> EmbeddedPlatform.start();
            case CONTAINERS -> ContainerPlatform.start();
        };
    }
}

package org.medpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** How the property {@code medpulse.platform} chooses the platform, without starting one. */
class PlatformTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier NOT_TO_BE_ASKED = () -> {
        throw new AssertionError("Docker was asked about for the embedded platform");
    };

    @Test
    void isEmbeddedByDefaultWithoutAskingForDocker() {
        assertThat(Platform.choose(null, NOT_TO_BE_ASKED)).isEqualTo(Platform.EMBEDDED);
        assertThat(Platform.choose("", NOT_TO_BE_ASKED)).isEqualTo(Platform.EMBEDDED);
        assertThat(Platform.choose("  ", NOT_TO_BE_ASKED)).isEqualTo(Platform.EMBEDDED);
        assertThat(Platform.choose("embedded", NOT_TO_BE_ASKED)).isEqualTo(Platform.EMBEDDED);
    }

    @Test
    void isContainersWhenAskedAndDockerIsThere() {
        assertThat(Platform.choose("containers", DOCKER)).isEqualTo(Platform.CONTAINERS);
        assertThat(Platform.choose(" Containers ", DOCKER)).isEqualTo(Platform.CONTAINERS);
    }

    @Test
    void refusesAnUnknownValueNamingTheOnesAllowed() {
        assertThatThrownBy(() -> Platform.choose("docker", DOCKER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("medpulse.platform=docker is not a platform: use embedded or containers (embedded when unset)");
        assertThatThrownBy(() -> Platform.choose("testcontainers", NOT_TO_BE_ASKED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void abortsWithAOneLineReasonWhenContainersAreAskedWithoutDocker() {
        assertThatThrownBy(() -> Platform.choose("containers", NO_DOCKER))
                .isInstanceOf(TestAbortedException.class)
                .hasMessage("medpulse.platform=containers needs a Docker engine and Testcontainers found none here; "
                        + "the embedded platform (the default) needs none")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void namesEachPlatformByItsPropertyValue() {
        for (Platform platform : Platform.values()) {
            assertThat(Platform.named(platform.value())).isEqualTo(platform);
        }
        assertThat(Platform.PROPERTY).isEqualTo("medpulse.platform");
    }
}

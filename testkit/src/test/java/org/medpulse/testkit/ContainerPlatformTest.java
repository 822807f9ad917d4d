package org.medpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * The container platform runs the images {@code docker-compose.yml} runs, and the Kafka image is
 * that of the project's Kafka jars. (Starting the containers needs Docker: the ITs do it on
 * {@code -Dmedpulse.platform=containers}.)
 */
class ContainerPlatformTest {

    private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");
    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s*image:\\s*([^\\s#]+)");

    @Test
    void runsKafkaOfTheVersionOfTheProjectsJars() {
        assertThat(ContainerPlatform.KAFKA_IMAGE).isEqualTo("apache/kafka:" + AppInfoParser.getVersion())
                .startsWith("apache/kafka:4.");
    }

    @Test
    void runsTheImagesOfDockerCompose() throws IOException {
        List<String> images = composeImages();

        assertThat(images).filteredOn(image -> image.startsWith("apache/kafka:"))
                .isNotEmpty().containsOnly(ContainerPlatform.KAFKA_IMAGE);
        assertThat(images).filteredOn(image -> image.startsWith("confluentinc/cp-schema-registry:"))
                .isNotEmpty().containsOnly(ContainerPlatform.REGISTRY_IMAGE);
    }

    private static List<String> composeImages() throws IOException {
        Matcher matcher = IMAGE.matcher(Files.readString(COMPOSE_FILE));
        return matcher.results().map(result -> result.group(1)).toList();
    }
}

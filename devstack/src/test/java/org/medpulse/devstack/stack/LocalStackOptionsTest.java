package org.medpulse.devstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void defaultsToDotMedpulseAndTheWellKnownPorts() {
        LocalStackOptions defaults = LocalStackOptions.defaults();

        assertThat(defaults.dataDirectory()).isEqualTo(Path.of(".medpulse"));
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.registryPort()).isEqualTo(8081);
        assertThat(defaults.topics().surveyResponsePartitions()).isEqualTo(6);
        assertThat(defaults.brokerOptions().dataDirectory())
                .isEqualTo(Path.of(".medpulse", "kafka").toAbsolutePath());
        assertThat(defaults.brokerOptions().kafkaPort()).isEqualTo(9092);
    }

    @Test
    void withMethodsLeaveTheOriginalUntouched() {
        LocalStackOptions defaults = LocalStackOptions.defaults();
        LocalStackOptions tuned = defaults.withDataDirectory(Path.of("/srv/medpulse")).withKafkaPort(0)
                .withRegistryPort(18081).withSurveyResponsePartitions(12);

        assertThat(tuned.brokerOptions().dataDirectory()).isEqualTo(Path.of("/srv/medpulse/kafka"));
        assertThat(tuned.kafkaPort()).isZero();
        assertThat(tuned.registryPort()).isEqualTo(18081);
        assertThat(tuned.topics().surveyResponsePartitions()).isEqualTo(12);
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.topics().surveyResponsePartitions()).isEqualTo(6);
    }

    @Test
    void rejectsImpossiblePorts() {
        assertThatThrownBy(() -> LocalStackOptions.defaults().withRegistryPort(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Schema registry port must be between 0 (pick a free one) and 65535, got 70000");
    }
}

package org.medpulse.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerOptionsTest {

    private final BrokerOptions base = BrokerOptions.inDirectory(Path.of("data/kafka"));

    @Test
    void defaultsToFreePortsAnAbsoluteDirectoryAndNoFixedClusterId() {
        assertThat(base.dataDirectory()).isEqualTo(Path.of("data/kafka").toAbsolutePath());
        assertThat(base.kafkaPort()).isZero();
        assertThat(base.controllerPort()).isZero();
        assertThat(base.clusterId()).isEmpty();
        assertThat(base.brokerProperties()).isEmpty();
        assertThat(base.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void withMethodsReturnNewOptionsAndLeaveTheOriginalUntouched() {
        BrokerOptions tuned = base.withKafkaPort(19092).withControllerPort(19093)
                .withClusterId("MkU3OEVBNTcwNTJENDM2Qg")
                .withBrokerProperty("log.retention.hours", "1")
                .withStartupTimeout(Duration.ofSeconds(5));

        assertThat(tuned.kafkaPort()).isEqualTo(19092);
        assertThat(tuned.controllerPort()).isEqualTo(19093);
        assertThat(tuned.clusterId()).contains("MkU3OEVBNTcwNTJENDM2Qg");
        assertThat(tuned.brokerProperties()).isEqualTo(Map.of("log.retention.hours", "1"));
        assertThat(tuned.startupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(base.kafkaPort()).isZero();
        assertThat(base.brokerProperties()).isEmpty();
    }

    @Test
    void rejectsPortsOutsideTheTcpRange() {
        assertThatThrownBy(() -> base.withKafkaPort(65_536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka port must be between 0 (pick a free one) and 65535, got 65536");
        assertThatThrownBy(() -> base.withControllerPort(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("controller port must be between 0");
    }

    @Test
    void rejectsAClusterIdKafkaWouldNotAccept() {
        assertThatThrownBy(() -> base.withClusterId("medpulse-local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'medpulse-local' is not a Kafka cluster id (a 22-character base64 UUID");
    }

    @Test
    void rejectsANonPositiveStartupTimeout() {
        assertThatThrownBy(() -> base.withStartupTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

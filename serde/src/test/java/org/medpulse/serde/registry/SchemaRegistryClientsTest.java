package org.medpulse.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope("clients-test");
    }

    @Test
    void aMockUrlGivesTheScopesSharedInMemoryRegistry() {
        assertThat(SchemaRegistryClients.forUrl("mock://clients-test"))
                .isSameAs(InMemorySchemaRegistryClient.forScope("clients-test"));
    }

    @Test
    void httpUrlsGiveARestClientOverAllOfThem() {
        try (SchemaRegistryClient client = SchemaRegistryClients.forUrl("http://a:8081,https://b:8082")) {
            assertThat(client).isInstanceOfSatisfying(RestSchemaRegistryClient.class, rest ->
                    assertThat(rest.options().urls()).containsExactly(URI.create("http://a:8081"),
                            URI.create("https://b:8082")));
        }
    }

    @Test
    void aMockUrlCannotBeMixedWithOthers() {
        assertThatThrownBy(() -> SchemaRegistryClients.forUrl("mock://clients-test,http://a:8081"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("a mock:// registry URL must be the only one");
    }
}

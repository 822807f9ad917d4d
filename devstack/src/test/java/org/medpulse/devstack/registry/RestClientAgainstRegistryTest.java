package org.medpulse.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medpulse.devstack.registry.TestSchemas.LABEL;
import static org.medpulse.devstack.registry.TestSchemas.REGION;
import static org.medpulse.devstack.registry.TestSchemas.V1;
import static org.medpulse.devstack.registry.TestSchemas.WAVE_ID;
import static org.medpulse.devstack.registry.TestSchemas.field;
import static org.medpulse.devstack.registry.TestSchemas.wave;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpulse.serde.registry.CompatibilityCheck;
import org.medpulse.serde.registry.CompatibilityLevel;
import org.medpulse.serde.registry.IncompatibleSchemaException;
import org.medpulse.serde.registry.RegisteredSchema;
import org.medpulse.serde.registry.SchemaNotFoundException;
import org.medpulse.serde.registry.SchemaRegistryClient;
import org.medpulse.serde.registry.SchemaRegistryClients;
import org.medpulse.serde.registry.SchemaRegistryException;
import org.medpulse.serde.registry.SubjectNotFoundException;
import org.medpulse.serde.registry.VersionNotFoundException;

/** Our own REST client (schemas/) and our registry agree on every call the client makes. */
class RestClientAgainstRegistryTest {

    private static final Schema WAVE_V1 = new Schema.Parser().parse(V1);
    private static final Schema WAVE_V2 = new Schema.Parser().parse(wave(WAVE_ID, LABEL, REGION));
    private static final Schema WAVE_BREAKING = new Schema.Parser().parse(wave(WAVE_ID, LABEL, field("n", "\"int\"")));

    private SchemaRegistryServer server;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        server = SchemaRegistryServer.inMemory(0);
        client = SchemaRegistryClients.forUrl(server.url());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void registersLooksUpAndReadsSchemas() {
        int id1 = client.register("waves-value", WAVE_V1);
        int id2 = client.register("waves-value", WAVE_V2);

        assertThat(client.register("waves-value", WAVE_V1)).isEqualTo(id1);
        assertThat(client.getId("waves-value", WAVE_V2)).isEqualTo(id2);
        assertThat(client.lookup("waves-value", WAVE_V1)).isEqualTo(new RegisteredSchema("waves-value", 1, id1, WAVE_V1));
        assertThat(client.getSchemaById(id2)).isEqualTo(WAVE_V2);
        assertThat(client.getLatestSchema("waves-value")).isEqualTo(new RegisteredSchema("waves-value", 2, id2, WAVE_V2));
        assertThat(client.getVersion("waves-value", 1).id()).isEqualTo(id1);
        assertThat(client.getVersions("waves-value")).containsExactly(1, 2);
        assertThat(client.getSubjects()).containsExactly("waves-value");
    }

    @Test
    void getsTypedFailures() {
        client.register("waves-value", WAVE_V1);

        assertThatThrownBy(() -> client.getLatestSchema("nobody")).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> client.getVersion("waves-value", 7)).isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> client.getSchemaById(99)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> client.getId("waves-value", WAVE_V2)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> client.register("waves-value", WAVE_BREAKING))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThatThrownBy(() -> client.deleteSubject("waves-value", true))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40405));
    }

    @Test
    void testsCompatibilityAndManagesLevels() {
        client.register("waves-value", WAVE_V1);

        assertThat(client.testCompatibility("waves-value", WAVE_V2).compatible()).isTrue();
        CompatibilityCheck breaking = client.testCompatibility("waves-value", 1, WAVE_BREAKING);
        assertThat(breaking.compatible()).isFalse();
        assertThat(breaking.messages()).anySatisfy(m -> assertThat(m).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));

        assertThat(client.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.setGlobalCompatibility(CompatibilityLevel.FULL)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(client.getSubjectCompatibility("waves-value")).isEmpty();
        assertThat(client.setSubjectCompatibility("waves-value", CompatibilityLevel.NONE))
                .isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.getSubjectCompatibility("waves-value")).contains(CompatibilityLevel.NONE);
        assertThat(client.register("waves-value", WAVE_BREAKING)).isPositive();
        client.deleteSubjectCompatibility("waves-value");
        assertThat(client.getSubjectCompatibility("waves-value")).isEmpty();
    }

    @Test
    void deletesVersionsAndSubjects() {
        client.register("waves-value", WAVE_V1);
        client.register("waves-value", WAVE_V2);

        assertThat(client.deleteVersion("waves-value", 1, false)).isEqualTo(1);
        assertThat(client.deleteVersion("waves-value", 1, true)).isEqualTo(1);
        assertThat(client.getVersions("waves-value")).containsExactly(2);
        assertThat(client.deleteSubject("waves-value", false)).containsExactly(2);
        assertThat(client.deleteSubject("waves-value", true)).containsExactly(2);
        assertThat(client.getSubjects()).isEmpty();
    }
}

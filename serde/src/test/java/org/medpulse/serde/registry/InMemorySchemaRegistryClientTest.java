package org.medpulse.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The in-memory registry follows the registry's rules for ids, versions, deletes and compatibility. */
class InMemorySchemaRegistryClientTest {

    private static final Schema V1 = parse("{'type':'record','name':'Wave','namespace':'org.medpulse.test',"
            + "'fields':[{'name':'id','type':'string'}]}");
    private static final Schema V2 = parse("{'type':'record','name':'Wave','namespace':'org.medpulse.test',"
            + "'fields':[{'name':'id','type':'string'},{'name':'label','type':'string','default':''}]}");
    /** label loses its default: still readable after v2 (which writes it), not after v1 (which does not). */
    private static final Schema V3 = parse("{'type':'record','name':'Wave','namespace':'org.medpulse.test',"
            + "'fields':[{'name':'id','type':'string'},{'name':'label','type':'string'}]}");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }

    @Test
    void idsAreGlobalAndVersionsPerSubject() {
        int v1 = registry.register("waves-value", V1);
        int v2 = registry.register("waves-value", V2);

        assertThat(registry.register("waves-value", V1)).isEqualTo(v1);
        assertThat(registry.register("other-value", V2)).isEqualTo(v2);
        assertThat(v2).isNotEqualTo(v1);
        assertThat(registry.getVersions("waves-value")).containsExactly(1, 2);
        assertThat(registry.getVersion("waves-value", 1)).isEqualTo(new RegisteredSchema("waves-value", 1, v1, V1));
        assertThat(registry.getLatestSchema("other-value")).isEqualTo(new RegisteredSchema("other-value", 1, v2, V2));
        assertThat(registry.lookup("waves-value", V2).version()).isEqualTo(2);
        assertThat(registry.getSubjects()).containsExactly("waves-value", "other-value");
    }

    @Test
    void schemasAreComparedByCanonicalForm() {
        int id = registry.register("waves-value", V1);
        Schema sameWithDoc = parse("{'doc':'a wave','name':'Wave','type':'record','namespace':'org.medpulse.test',"
                + "'fields':[{'type':'string','name':'id','doc':'its id'}]}");

        assertThat(registry.register("waves-value", sameWithDoc)).isEqualTo(id);
        assertThat(registry.getId("waves-value", sameWithDoc)).isEqualTo(id);
        assertThat(registry.getVersions("waves-value")).containsExactly(1);
    }

    @Test
    void unknownsFailWithTheirErrorCodes() {
        registry.register("waves-value", V1);

        assertThatThrownBy(() -> registry.getId("nope", V1)).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> registry.getId("waves-value", V2)).isInstanceOf(SchemaNotFoundException.class);
        assertThatThrownBy(() -> registry.getSchemaById(99)).isInstanceOf(SchemaNotFoundException.class)
                .hasMessage("Schema 99 not found");
        assertThatThrownBy(() -> registry.getVersion("waves-value", 7)).isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> registry.getVersion("waves-value", 0)).isInstanceOf(InvalidVersionException.class);
        assertThatThrownBy(() -> registry.getLatestSchema("nope")).isInstanceOf(SubjectNotFoundException.class)
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(40401);
    }

    @Test
    void aSoftDeletedVersionIsHiddenButItsIdStillResolves() {
        int v1 = registry.register("waves-value", V1);
        registry.register("waves-value", V2);

        assertThat(registry.deleteVersion("waves-value", 2, false)).isEqualTo(2);

        assertThat(registry.getVersions("waves-value")).containsExactly(1);
        assertThat(registry.getLatestSchema("waves-value").id()).isEqualTo(v1);
        assertThat(registry.getSchemaById(registry.register("x", V2))).isEqualTo(V2);
        assertThatThrownBy(() -> registry.getVersion("waves-value", 2)).isInstanceOf(VersionNotFoundException.class);
        assertThatThrownBy(() -> registry.deleteVersion("waves-value", 2, false))
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(40406);
        assertThatThrownBy(() -> registry.deleteVersion("waves-value", 1, true))
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(40407);
        assertThat(registry.deleteVersion("waves-value", 2, true)).isEqualTo(2);
        assertThat(registry.register("waves-value", V2)).as("registers again as a new version").isPositive();
        assertThat(registry.getVersions("waves-value")).containsExactly(1, 2);
    }

    @Test
    void aSubjectIsSoftDeletedBeforeItCanBeDeletedPermanently() {
        registry.register("waves-value", V1);
        registry.register("waves-value", V2);

        assertThatThrownBy(() -> registry.deleteSubject("waves-value", true))
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(40405);
        assertThat(registry.deleteSubject("waves-value", false)).containsExactly(1, 2);
        assertThat(registry.getSubjects()).isEmpty();
        assertThatThrownBy(() -> registry.getLatestSchema("waves-value")).isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> registry.deleteSubject("waves-value", false))
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(40404);
        assertThat(registry.deleteSubject("waves-value", true)).containsExactly(1, 2);
        assertThatThrownBy(() -> registry.deleteSubject("waves-value", true))
                .isInstanceOf(SubjectNotFoundException.class);
    }

    @Test
    void compatibilityLevelsAreGlobalOrPerSubject() {
        assertThat(registry.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.setGlobalCompatibility(CompatibilityLevel.FULL)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(registry.getGlobalCompatibility()).isEqualTo(CompatibilityLevel.FULL);

        assertThat(registry.getSubjectCompatibility("waves-value")).isEmpty();
        registry.setSubjectCompatibility("waves-value", CompatibilityLevel.NONE);
        assertThat(registry.getSubjectCompatibility("waves-value")).contains(CompatibilityLevel.NONE);
        registry.deleteSubjectCompatibility("waves-value");
        assertThat(registry.getSubjectCompatibility("waves-value")).isEmpty();
    }

    @Test
    void compatibilityIsTestedAtTheSubjectsLevelAgainstLatestOrAllVersions() {
        registry.register("waves-value", V1);
        registry.register("waves-value", V2);

        assertThat(registry.testCompatibility("waves-value", V3).compatible()).as("BACKWARD against v2").isTrue();
        assertThat(registry.testCompatibility("waves-value", 1, V3).compatible()).as("BACKWARD against v1").isFalse();

        registry.setSubjectCompatibility("waves-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
        CompatibilityCheck transitive = registry.testCompatibility("waves-value", V3);
        assertThat(transitive.compatible()).isFalse();
        assertThat(transitive.messages()).singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("label").contains("BACKWARD");
    }
}

package org.medpulse.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.devstack.registry.TestSchemas.LABEL;
import static org.medpulse.devstack.registry.TestSchemas.LABEL_WITH_DEFAULT;
import static org.medpulse.devstack.registry.TestSchemas.REGION;
import static org.medpulse.devstack.registry.TestSchemas.WAVE_ID;
import static org.medpulse.devstack.registry.TestSchemas.field;
import static org.medpulse.devstack.registry.TestSchemas.wave;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medpulse.devstack.registry.RegistryHttp.Reply;
import org.medpulse.serde.registry.CompatibilityLevel;

/**
 * What each of the seven levels lets a subject evolve into, through HTTP: the register call and
 * the compatibility check must agree, and the subject's own level must win over the global one.
 */
class CompatibilityLevelsTest {

    private static final String BASE = wave(WAVE_ID, LABEL, REGION);

    /** One change to {@link #BASE} and the levels that allow it. */
    enum Change {
        ADDS_FIELD_WITH_DEFAULT(wave(WAVE_ID, LABEL, REGION, field("score", "\"int\"", "0")), CompatibilityLevel.values()),
        ADDS_FIELD_WITHOUT_DEFAULT(wave(WAVE_ID, LABEL, REGION, field("score", "\"int\"")),
                CompatibilityLevel.NONE, CompatibilityLevel.FORWARD, CompatibilityLevel.FORWARD_TRANSITIVE),
        REMOVES_FIELD_WITHOUT_DEFAULT(wave(WAVE_ID, REGION),
                CompatibilityLevel.NONE, CompatibilityLevel.BACKWARD, CompatibilityLevel.BACKWARD_TRANSITIVE),
        REMOVES_FIELD_WITH_DEFAULT(wave(WAVE_ID, LABEL), CompatibilityLevel.values()),
        CHANGES_FIELD_TYPE(wave(WAVE_ID, field("label", "\"int\""), REGION), CompatibilityLevel.NONE),
        RENAMES_RECORD(BASE.replace("\"Wave\"", "\"Round\""), CompatibilityLevel.NONE);

        final String schema;
        final Set<CompatibilityLevel> allowedBy;

        Change(String schema, CompatibilityLevel... allowedBy) {
            this.schema = schema;
            this.allowedBy = EnumSet.copyOf(Arrays.asList(allowedBy));
        }
    }

    /** Three versions whose third is compatible with the second but not with the first. */
    enum Chain {
        /** v3 cannot read v1 data: label has no default. */
        BREAKS_BACKWARD_WITH_V1(List.of(wave(WAVE_ID), wave(WAVE_ID, LABEL_WITH_DEFAULT), wave(WAVE_ID, LABEL)),
                CompatibilityLevel.BACKWARD_TRANSITIVE, CompatibilityLevel.FULL_TRANSITIVE),
        /** v1 cannot read v3 data: v1's label has no default. */
        BREAKS_FORWARD_WITH_V1(List.of(wave(WAVE_ID, LABEL), wave(WAVE_ID, LABEL_WITH_DEFAULT), wave(WAVE_ID)),
                CompatibilityLevel.FORWARD_TRANSITIVE, CompatibilityLevel.FULL_TRANSITIVE);

        final List<String> versions;
        final Set<CompatibilityLevel> refusedBy;

        Chain(List<String> versions, CompatibilityLevel... refusedBy) {
            this.versions = versions;
            this.refusedBy = EnumSet.copyOf(Arrays.asList(refusedBy));
        }
    }

    private SchemaRegistryServer server;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        server = SchemaRegistryServer.inMemory(0);
        http = new RegistryHttp(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> everyLevelAndChange() {
        return Arrays.stream(CompatibilityLevel.values())
                .flatMap(level -> Arrays.stream(Change.values()).map(change -> Arguments.of(level, change)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLevelAndChange")
    void allowsExactlyTheChangesItsLevelAllows(CompatibilityLevel level, Change change) {
        http.setLevel("waves-value", level.name()).isOk();
        int baseId = http.register("waves-value", BASE).id();
        boolean allowed = change.allowedBy.contains(level);

        Reply check = http.post("/compatibility/subjects/waves-value/versions/latest?verbose=true",
                RegistryHttp.schemaBody(change.schema)).isOk();
        Reply registration = http.register("waves-value", change.schema);

        assertThat(check.json().get("is_compatible").asBoolean()).isEqualTo(allowed);
        if (allowed) {
            assertThat(registration.id()).isNotEqualTo(baseId);
            assertThat(check.json().get("messages")).isEmpty();
        } else {
            registration.isError(409, 409);
            assertThat(registration.message()).contains("'" + level + "'");
            assertThat(check.json().get("messages").toString()).contains("errorType");
        }
    }

    static Stream<Arguments> everyLevelAndChain() {
        return Arrays.stream(CompatibilityLevel.values())
                .flatMap(level -> Arrays.stream(Chain.values()).map(chain -> Arguments.of(level, chain)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyLevelAndChain")
    void checksEveryEarlierVersionOnlyWhenTransitive(CompatibilityLevel level, Chain chain) {
        http.setLevel("waves-value", level.name()).isOk();
        http.register("waves-value", chain.versions.get(0)).id();
        http.register("waves-value", chain.versions.get(1)).id();

        Reply third = http.register("waves-value", chain.versions.get(2));

        if (chain.refusedBy.contains(level)) {
            third.isError(409, 409);
            assertThat(third.message()).contains("oldSchemaVersion: 1");
        } else {
            assertThat(third.id()).isEqualTo(3);
        }
        assertThat(http.post("/compatibility/subjects/waves-value/versions/2", RegistryHttp.schemaBody(
                chain.versions.get(2))).json().get("is_compatible").asBoolean())
                .as("against version 2 alone it is always compatible").isTrue();
    }

    @Test
    void usesTheGlobalLevelForSubjectsWithoutOne() {
        http.put("/config", "{\"compatibility\":\"FORWARD\"}").isOk();
        http.register("waves-value", BASE).id();

        http.register("waves-value", Change.REMOVES_FIELD_WITHOUT_DEFAULT.schema).isError(409, 409);
        assertThat(http.register("waves-value", Change.ADDS_FIELD_WITHOUT_DEFAULT.schema).id()).isPositive();
    }

    @Test
    void prefersTheSubjectLevelToTheGlobalOneUntilItIsDeleted() {
        http.put("/config", "{\"compatibility\":\"FORWARD\"}").isOk();
        http.setLevel("waves-value", "BACKWARD").isOk();
        http.register("waves-value", BASE).id();
        http.register("other-value", BASE).id();

        http.register("waves-value", Change.ADDS_FIELD_WITHOUT_DEFAULT.schema).isError(409, 409);
        assertThat(http.register("other-value", Change.ADDS_FIELD_WITHOUT_DEFAULT.schema).id())
                .as("another subject keeps the global level").isPositive();

        http.delete("/config/waves-value").isOk();

        assertThat(http.register("waves-value", Change.ADDS_FIELD_WITHOUT_DEFAULT.schema).id()).isPositive();
    }
}

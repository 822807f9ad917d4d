package org.medpulse.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompatibilityLevelTest {

    private static final Schema ID_ONLY = parse("{'type':'record','name':'Wave','fields':["
            + "{'name':'id','type':'string'}]}");
    private static final Schema WITH_LABEL = parse("{'type':'record','name':'Wave','fields':["
            + "{'name':'id','type':'string'},{'name':'label','type':'string'}]}");

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json.replace('\'', '"'));
    }

    /** Adding a field without default breaks old data for new readers; removing one breaks new data for old readers. */
    @ParameterizedTest(name = "{0}: add field {1}, remove field {2}")
    @CsvSource({
            "NONE, true, true",
            "BACKWARD, false, true",
            "BACKWARD_TRANSITIVE, false, true",
            "FORWARD, true, false",
            "FORWARD_TRANSITIVE, true, false",
            "FULL, false, false",
            "FULL_TRANSITIVE, false, false"})
    void eachLevelAppliesItsDirection(CompatibilityLevel level, boolean addAllowed, boolean removeAllowed) {
        assertThat(level.check(WITH_LABEL, List.of(ID_ONLY)).compatible()).isEqualTo(addAllowed);
        assertThat(level.check(ID_ONLY, List.of(WITH_LABEL)).compatible()).isEqualTo(removeAllowed);
    }

    @Test
    void levelsParseAsTheRestApiSpellsThem() {
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse(" BACKWARD ")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .isInstanceOf(InvalidCompatibilityLevelException.class)
                .hasMessageContaining("SIDEWAYS")
                .extracting(e -> ((SchemaRegistryException) e).errorCode()).isEqualTo(42203);
    }
}

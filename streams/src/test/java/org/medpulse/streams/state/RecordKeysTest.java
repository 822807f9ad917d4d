package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecordKeysTest {

    private static final String SECRET = "a-record-key-secret-of-some-length";

    @Test
    void theSameRespondentWaveAlwaysGetsTheSameKeyWhateverInstanceComputesIt() {
        RecordKeys one = RecordKeys.withSecret(SECRET);
        RecordKeys another = RecordKeys.withSecret(SECRET);

        assertThat(one.of("2025-06", "acme", "r1")).isEqualTo(one.of("2025-06", "acme", "r1"))
                .isEqualTo(another.of("2025-06", "acme", "r1"));
    }

    @Test
    void aLatestKeyGetsTheKeyOfItsRespondentWave() {
        RecordKeys keys = RecordKeys.withSecret(SECRET);

        assertThat(keys.of(LatestKey.of("2025-06", "acme", "r1"))).isEqualTo(keys.of("2025-06", "acme", "r1"));
        assertThat(keys.of(LatestKey.of("2025-06", "acme", "ré"))).isEqualTo(keys.of("2025-06", "acme", "ré"));
    }

    @Test
    void keysDependOnEveryPartAndOnTheSecret() {
        RecordKeys keys = RecordKeys.withSecret(SECRET);
        int key = keys.of("2025-06", "acme", "r1");

        assertThat(keys.of("2026-06", "acme", "r1")).isNotEqualTo(key);
        assertThat(keys.of("2025-06", "medica", "r1")).isNotEqualTo(key);
        assertThat(keys.of("2025-06", "acme", "r2")).isNotEqualTo(key);
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        assertThat(keys.of("2025-06", "ab", "c")).isNotEqualTo(keys.of("2025-06", "a", "bc"));
        assertThat(RecordKeys.withSecret("another-secret-entirely-0123").of("2025-06", "acme", "r1")).isNotEqualTo(key);
    }

    @Test
    void keysSpreadOverAllThirtyTwoBits() {
        RecordKeys keys = RecordKeys.withSecret(SECRET);
        Set<Integer> distinct = new HashSet<>();
        int negative = 0;
        for (int i = 0; i < 10_000; i++) {
            int key = keys.of("2025-06", "acme", "r" + i);
            distinct.add(key);
            negative += key < 0 ? 1 : 0;
        }
        assertThat(distinct).hasSizeGreaterThan(9_990);
        assertThat(negative).as("the top bit is set half the time").isBetween(4_700, 5_300);
    }

    @Test
    void aShortSecretIsRefusedAndNeverPrinted() {
        assertThatThrownBy(() -> RecordKeys.withSecret("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
        assertThat(RecordKeys.withSecret(SECRET).toString()).doesNotContain(SECRET);
    }
}

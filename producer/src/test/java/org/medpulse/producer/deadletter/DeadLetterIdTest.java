package org.medpulse.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterIdTest {

    @Test
    void anOffsetAloneIsInPartitionZeroAndElsewhereThePartitionIsWritten() {
        assertThat(DeadLetterId.parse("17")).isEqualTo(new DeadLetterId(0, 17));
        assertThat(DeadLetterId.parse(" 2:17 ")).isEqualTo(new DeadLetterId(2, 17));
        assertThat(new DeadLetterId(0, 17)).hasToString("17");
        assertThat(new DeadLetterId(2, 17)).hasToString("2:17");
        assertThat(DeadLetterId.parse(new DeadLetterId(3, 9).toString())).isEqualTo(new DeadLetterId(3, 9));
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        for (String bad : new String[] {"", "x", "-1", "1:", ":1", "1:2:3", "1.5"}) {
            assertThatThrownBy(() -> DeadLetterId.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("'" + bad + "' is not a dead-letter offset");
        }
    }

    @Test
    void positionsSortByPartitionThenOffset() {
        assertThat(new DeadLetterId(0, 90)).isLessThan(new DeadLetterId(1, 2));
        assertThat(new DeadLetterId(1, 2)).isLessThan(new DeadLetterId(1, 3));
    }
}

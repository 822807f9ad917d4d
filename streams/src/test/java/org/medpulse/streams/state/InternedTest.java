package org.medpulse.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InternedTest {

    @Test
    void aKeyAskedAgainGetsTheValueMadeTheFirstTime() {
        AtomicInteger made = new AtomicInteger();
        Interned<String, StringBuilder> values = Interned.upTo(10, key -> {
            made.incrementAndGet();
            return new StringBuilder(key);
        });

        StringBuilder first = values.get("2025-04");

        assertThat(values.get(new String("2025-04"))).isSameAs(first);
        assertThat(values.get("2025-05")).isNotSameAs(first).hasToString("2025-05");
        assertThat(made).hasValue(2);
    }

    @Test
    void pastItsBoundItStartsAfreshAndStillAnswersEveryKey() {
        Interned<Integer, String> values = Interned.upTo(3, key -> "value " + key);
        for (int key = 0; key < 100; key++) {
            assertThat(values.get(key)).isEqualTo("value " + key);
            assertThat(values.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> Interned.upTo(0, key -> key)).isInstanceOf(IllegalArgumentException.class);
    }
}

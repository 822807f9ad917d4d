package org.medpulse.streams.query.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CellKeysTest {

    @Test
    void dividesTheKeySumModuloTheBase() {
        assertThat(CellKeys.toUnitInterval(0, 256)).isEqualTo(0.0);
        assertThat(CellKeys.toUnitInterval(64, 256)).isEqualTo(0.25);
        assertThat(CellKeys.toUnitInterval(256 + 128, 256)).isEqualTo(0.5);
        assertThat(CellKeys.toUnitInterval(-64, 256)).isEqualTo(0.75);
    }

    @Test
    void largestKeyStaysBelowOne() {
        assertThat(CellKeys.toUnitInterval(CellKeys.MAX_BASE - 1, CellKeys.MAX_BASE)).isLessThan(1.0);
        assertThat(CellKeys.fromUnsigned32(-1)).isLessThan(1.0).isGreaterThan(0.999_999_999);
    }

    @Test
    void wrappedIntSumIsTheSumModulo2To32() {
        int a = 0xF000_0000;
        int b = 0x2000_0000;
        int wrapped = a + b; // overflows, i.e. (a + b) mod 2^32

        assertThat(CellKeys.fromUnsigned32(wrapped))
                .isEqualTo(CellKeys.toUnitInterval(Integer.toUnsignedLong(a) + Integer.toUnsignedLong(b),
                        CellKeys.BASE_2_32))
                .isEqualTo(0.0625);
    }

    @Test
    void refusesBasesOutsideTheExactRange() {
        assertThatThrownBy(() -> CellKeys.toUnitInterval(1, 0))
                .hasMessage("base must be between 1 and 2^53, was 0");
        assertThatThrownBy(() -> CellKeys.toUnitInterval(1, CellKeys.MAX_BASE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

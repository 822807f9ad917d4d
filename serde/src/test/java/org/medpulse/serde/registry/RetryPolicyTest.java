package org.medpulse.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class RetryPolicyTest {

    @Test
    void waitsDoubleUntilTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1_000));

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(policy::delayBeforeRetry).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L);
    }

    @Test
    void confluentsDefaultsAreThreeRetriesFromOneSecondToTwenty() {
        assertThat(RetryPolicy.DEFAULT.maxAttemptsPerUrl()).isEqualTo(4);
        assertThat(RetryPolicy.DEFAULT.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryPolicy.DEFAULT.delayBeforeRetry(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Property
    void theWaitNeverDecreasesNorExceedsTheCap(@ForAll @IntRange(min = 1, max = 1_000) int retry,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long initial,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long cap) {
        RetryPolicy policy = new RetryPolicy(1_000, Duration.ofMillis(initial), Duration.ofMillis(cap));

        Duration delay = policy.delayBeforeRetry(retry);

        assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(cap));
        if (retry > 1) {
            assertThat(delay).isGreaterThanOrEqualTo(policy.delayBeforeRetry(retry - 1));
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.delayBeforeRetry(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

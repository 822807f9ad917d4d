package org.medpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ApiRequestMixTest {

    @Test
    void parsesWeightsAndPrintsThemBack() {
        ApiRequestMix mix = ApiRequestMix.parse(" usage=3, WAVES=1 ");

        assertThat(mix.weight(ApiEndpoint.USAGE)).isEqualTo(3);
        assertThat(mix.weight(ApiEndpoint.WAVES)).isEqualTo(1);
        assertThat(mix.weight(ApiEndpoint.TREND)).isZero();
        assertThat(mix).hasToString("usage=3,waves=1");
        assertThat(ApiRequestMix.typical()).hasToString(ApiRequestMix.TYPICAL);
    }

    @Test
    void drawsEndpointsInProportionToTheirWeightsAndNeverAnUnweightedOne() {
        ApiRequestMix mix = ApiRequestMix.parse("usage=3,waves=1,trend=0");
        SplittableRandom random = new SplittableRandom(7);
        Map<ApiEndpoint, Integer> drawn = new EnumMap<>(ApiEndpoint.class);
        for (int i = 0; i < 40_000; i++) {
            drawn.merge(mix.draw(random), 1, Integer::sum);
        }

        assertThat(drawn).containsOnlyKeys(ApiEndpoint.USAGE, ApiEndpoint.WAVES);
        assertThat(drawn.get(ApiEndpoint.USAGE) / (double) drawn.get(ApiEndpoint.WAVES)).isBetween(2.8, 3.2);
    }

    @Test
    void refusesMixesThatAskNothingOrSayNothing() {
        assertThatThrownBy(() -> ApiRequestMix.parse("usage=0")).hasMessageContaining("asks no endpoint");
        assertThatThrownBy(() -> ApiRequestMix.parse("usage")).hasMessageContaining("Expected name=weight");
        assertThatThrownBy(() -> ApiRequestMix.parse("usage=-1")).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> ApiRequestMix.parse("usage=x")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> ApiRequestMix.parse("search=1")).hasMessageContaining("Unknown endpoint 'search'")
                .hasMessageContaining("usage, barriers, tools, rolling, trend, waves");
    }
}

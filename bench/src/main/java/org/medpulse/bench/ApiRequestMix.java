package org.medpulse.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * How often each endpoint is asked, as relative weights: {@code usage=40,barriers=15,...}. An
 * endpoint left out (or weighted 0) is not asked.
 */
public record ApiRequestMix(Map<ApiEndpoint, Integer> weights) {

    /** The {@link #typical()} mix in {@code --mix} form. */
    public static final String TYPICAL = "usage=40,barriers=15,tools=15,rolling=10,trend=10,waves=10";

    public ApiRequestMix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("Mix weights cannot be negative: " + weights);
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("The mix asks no endpoint at all");
        }
    }

    /**
     * Dashboards mostly read one wave's usage, then its barriers and tools; rolling usage, trends
     * and the wave list less often.
     */
    public static ApiRequestMix typical() {
        return parse(TYPICAL);
    }

    /** Only {@code endpoint}. */
    public static ApiRequestMix only(ApiEndpoint endpoint) {
        return new ApiRequestMix(Map.of(endpoint, 1));
    }

    /** {@code name=weight} pairs separated by commas, e.g. {@code usage=3,waves=1}. */
    public static ApiRequestMix parse(String text) {
        Map<ApiEndpoint, Integer> weights = new EnumMap<>(ApiEndpoint.class);
        for (String pair : text.split(",")) {
            String[] nameWeight = pair.split("=", 2);
            if (nameWeight.length != 2) {
                throw new IllegalArgumentException("Expected name=weight in the mix, got '" + pair.trim() + "'");
            }
            ApiEndpoint endpoint = ApiEndpoint.byLabel(nameWeight[0]);
            try {
                weights.put(endpoint, Integer.parseInt(nameWeight[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Mix weight of " + endpoint.label() + " is not a whole number: '"
                        + nameWeight[1].trim() + "'");
            }
        }
        return new ApiRequestMix(weights);
    }

    public int weight(ApiEndpoint endpoint) {
        return weights.getOrDefault(endpoint, 0);
    }

    /** An endpoint drawn with the mix's weights. */
    public ApiEndpoint draw(SplittableRandom random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int ticket = random.nextInt(total);
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            ticket -= weight(endpoint);
            if (ticket < 0) {
                return endpoint;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    @Override
    public String toString() {
        return Arrays.stream(ApiEndpoint.values()).filter(e -> weight(e) > 0)
                .map(e -> e.label() + "=" + weight(e)).collect(Collectors.joining(","));
    }
}

package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on the API's JSON shapes. */
final class JsonAssertions {

    private JsonAssertions() {
    }

    /** A statistic object {@code {"count","share","ci95"}} with exactly these values. */
    static void assertStatistic(JsonNode statistic, long count, String share, String lower, String upper) {
        assertThat(fieldNames(statistic)).containsExactly("count", "share", "ci95");
        assertThat(statistic.get("count").asLong()).as("count").isEqualTo(count);
        assertThat(statistic.get("share").decimalValue()).as("share").isEqualByComparingTo(new BigDecimal(share));
        assertThat(statistic.get("ci95")).hasSize(2);
        assertThat(statistic.get("ci95").get(0).decimalValue()).as("ci95 lower").isEqualByComparingTo(new BigDecimal(lower));
        assertThat(statistic.get("ci95").get(1).decimalValue()).as("ci95 upper").isEqualByComparingTo(new BigDecimal(upper));
    }

    static void assertCount(JsonNode statistic, long count) {
        assertThat(statistic.get("count").asLong()).isEqualTo(count);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asText()));
        return values;
    }
}

package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A statistic's JSON, written by {@link Statistic.Json}, reads exactly as Jackson writes the same
 * properties from a plain map: the API's bytes do not depend on how they are written.
 */
class StatisticJsonTest {

    private static final List<ObjectMapper> MAPPERS = List.of(
            JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build(),
            JsonMapper.builder().build());

    @Test
    void everyCountOutOfUpToSixHundredRespondentsIsWrittenAsItsProperties() throws JsonProcessingException {
        List<Statistic> statistics = new ArrayList<>();
        for (long n = 1; n <= 600; n++) {
            for (long count = 0; count <= n; count++) {
                statistics.add(Statistic.of(count, n));
            }
            // Perturbed counts may lie outside 0..n (cell-key): published as they are.
            statistics.add(Statistic.clamped(n + 3, n));
            statistics.add(Statistic.clamped(-2, n));
        }
        statistics.add(Statistic.of(7, 1_000_000_000L));
        assertWrittenAsProperties(statistics);
    }

    @Test
    void decimalsOfOtherScalesSignsAndSizesAreWrittenAsJacksonWritesThem() throws JsonProcessingException {
        assertWrittenAsProperties(List.of(
                new Statistic(3, new BigDecimal("0.5"), List.of(new BigDecimal("0.25"), new BigDecimal("0.123456"))),
                new Statistic(3, new BigDecimal("-0.1250"), List.of(new BigDecimal("-1.0000"), new BigDecimal("0E-10"))),
                new Statistic(3, new BigDecimal("12345678901234567890.1234"), List.of(new BigDecimal("1E+3"))),
                new Statistic(3, new BigDecimal("922337203685477.5807"), List.of(new BigDecimal("922337203685477.5808"))),
                new Statistic(0, new BigDecimal("0.0000"), List.of()),
                new Statistic(Long.MAX_VALUE, new BigDecimal("123.4567"), List.of(new BigDecimal("1.0000"),
                        new BigDecimal("0.0001"), new BigDecimal("10.0010")))));
    }

    private static void assertWrittenAsProperties(List<Statistic> statistics) throws JsonProcessingException {
        for (ObjectMapper mapper : MAPPERS) {
            for (Statistic statistic : statistics) {
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("count", statistic.count());
                properties.put("share", statistic.share());
                properties.put("ci95", statistic.ci95());
                assertThat(mapper.writeValueAsString(statistic)).as("%s", statistic)
                        .isEqualTo(mapper.writeValueAsString(properties));
            }
            // Inside other values too, where the generator already holds a context.
            assertThat(mapper.writeValueAsString(Map.of("a", List.of(statistics.get(0), statistics.get(1)))))
                    .isEqualTo("{\"a\":[" + mapper.writeValueAsString(statistics.get(0)) + ","
                            + mapper.writeValueAsString(statistics.get(1)) + "]}");
        }
    }
}

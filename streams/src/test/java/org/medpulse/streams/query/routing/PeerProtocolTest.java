package org.medpulse.streams.query.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.streams.query.Answer;
import org.medpulse.streams.query.DayRange;
import org.medpulse.streams.query.InvalidParameterException;
import org.medpulse.streams.query.ReadOptions;
import org.medpulse.streams.query.SurveyFilter;
import org.medpulse.streams.query.SurveyFixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PeerProtocolTest {

    static final SurveyFilter FILTER = SurveyFilter.of("Médica & co", PracticeType.SPECIALIST, PracticeSetting.MIXED);
    static final List<PartialQuery<?>> QUERIES = List.of(
            new PartialQuery.Waves(),
            new PartialQuery.Usage("2025-06", FILTER),
            new PartialQuery.Barriers("2025-06", SurveyFilter.all()),
            new PartialQuery.Tools("wave with spaces/and slash", FILTER),
            new PartialQuery.UsageByDays(DayRange.ending(LocalDate.of(2025, 6, 30), 30), FILTER),
            new PartialQuery.ToolTrend("outil-interne", SurveyFilter.all().withSetting(PracticeSetting.HOSPITAL)),
            new PartialQuery.AllWaveTotals());

    @Test
    void everyQueryTravelsToAPeerUnchanged() {
        for (PartialQuery<?> query : QUERIES) {
            URI uri = PeerProtocol.uri(new HostInfo("10.0.0.7", 7070), query, Set.of(3, 0), ReadOptions.allowStale());

            assertThat(uri.getPath()).isEqualTo("/internal/v1/partitions/" + query.kind());
            PeerProtocol.Request request = PeerProtocol.parse(query.kind(), queryParameters(uri));
            assertThat(request.query()).isEqualTo(query);
            assertThat(request.partitions()).containsExactly(0, 3);
            assertThat(request.options().isStaleAllowed()).isTrue();
        }
    }

    @Test
    void everyPartialAnswerTravelsBackUnchanged() throws Exception {
        List<Answer> panel = SurveyFixtures.panel();
        InMemoryPartitions stores = InMemoryPartitions.of(panel, 3, Set.of(0, 1), Set.of());
        stores.failing(1, PartitionFailure.NOT_ACTIVE);
        ObjectMapper json = new ObjectMapper();
        for (PartialQuery<?> query : QUERIES) {
            assertRoundTrip(query, stores, json);
        }
    }

    private static <T> void assertRoundTrip(PartialQuery<T> query, InMemoryPartitions stores, ObjectMapper json) throws Exception {
        Map<Integer, PartitionResult<T>> results = stores.read(query, Set.of(0, 1, 2), ReadOptions.activeOnly());
        JsonNode wire = json.readTree(json.writeValueAsBytes(PeerProtocol.encode(query, results)));

        Map<Integer, PartitionResult<T>> decoded = PeerProtocol.decode(query, wire);

        assertThat(decoded).as("%s", query).isEqualTo(results);
        assertThat(decoded.get(0)).isInstanceOf(PartitionResult.Answered.class);
        assertThat(decoded.get(1)).isEqualTo(PartitionResult.failed(PartitionFailure.NOT_ACTIVE, "partition 1: NOT_ACTIVE"));
        assertThat(decoded.get(2)).isInstanceOfSatisfying(PartitionResult.Failed.class,
                f -> assertThat(f.failure()).isEqualTo(PartitionFailure.NOT_PRESENT));
    }

    @Test
    void malformedRequestsAreRejected() {
        assertThatThrownBy(() -> PeerProtocol.parse("usage", Map.of("partitions", "0"))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'wave'");
        assertThatThrownBy(() -> PeerProtocol.parse("nonsense", Map.of("partitions", "0"))).hasMessageContaining("nonsense");
        assertThatThrownBy(() -> PeerProtocol.parse("waves", Map.of("partitions", "zero"))).hasMessageContaining("partitions");
        assertThatThrownBy(() -> PeerProtocol.parse("waves", Map.of())).hasMessageContaining("partitions");
        assertThatThrownBy(() -> PeerProtocol.parse("usage", Map.of("partitions", "0", "wave", "w", "setting", "GARDEN")))
                .hasMessageContaining("filter");
    }

    private static Map<String, String> queryParameters(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }
}

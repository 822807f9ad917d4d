package org.medpulse.chaos.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;

class ChaosPanelTest {

    @Test
    void deliversExactlyTheResponsesAskedForBothWavesAllPartnersTheSameForTheSameSeed() {
        List<SurveyResponse> once = all(ChaosPanel.of(5_000, 11));
        assertThat(once).hasSize(5_000).isEqualTo(all(ChaosPanel.of(5_000, 11))).isNotEqualTo(all(ChaosPanel.of(5_000, 12)));
        assertThat(once).extracting(SurveyResponse::getWaveId).containsOnly(ChaosPanel.WAVES.toArray(String[]::new));
        assertThat(once).extracting(SurveyResponse::getPartnerId)
                .containsOnly("partner-1", "partner-2", "partner-3", "partner-4");
        assertThat(once.stream().filter(ChaosPanel::viaFiles).count()).isBetween(2_000L, 3_000L);
    }

    @Test
    void aResponseIdAlwaysCarriesTheSameAnswersSoTheOrderOfArrivalNeverMatters() {
        Map<String, SurveyResponse> byId = new HashMap<>();
        int redeliveries = 0;
        for (SurveyResponse response : all(ChaosPanel.of(20_000, 5))) {
            SurveyResponse earlier = byId.putIfAbsent(response.getResponseId(), response);
            if (earlier != null) {
                redeliveries++;
                assertThat(response).isEqualTo(earlier);
            }
        }
        assertThat(redeliveries).as("redeliveries in the panel").isPositive();
        PanelModel model = new PanelModel();
        all(ChaosPanel.of(20_000, 5)).forEach(model::accept);
        assertThat(model.expected().respondents()).as("corrections and redeliveries count once")
                .isLessThan(20_000).isGreaterThan(15_000);
    }

    private static List<SurveyResponse> all(ChaosPanel panel) {
        List<SurveyResponse> all = new ArrayList<>();
        for (Iterator<SurveyResponse> it = panel.deliveries(); it.hasNext(); ) {
            all.add(it.next());
        }
        return all;
    }
}

package org.medpulse.cli.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.simulate.PanelSettings;
import org.medpulse.producer.simulate.PanelSimulator;

class DemoPanelTest {

    @Test
    void threeYearlyWavesOverTheirWholeMonthWithTheCurrentOneLast() {
        List<PanelSettings> waves = DemoPanel.waves(50);

        assertThat(waves).extracting(PanelSettings::wave).containsExactly("2024-06", "2025-06", "2026-06");
        assertThat(DemoPanel.CURRENT_WAVE).isEqualTo("2026-06");
        assertThat(waves.get(1).from()).hasToString("2025-06-01T00:00:00Z");
        assertThat(waves.get(1).to()).hasToString("2025-07-01T00:00:00Z");
        assertThat(waves).allSatisfy(wave -> assertThat(wave.partners()).isEqualTo(DemoPanel.PARTNERS));
        assertThat(waves).extracting(PanelSettings::seed).doesNotHaveDuplicates();
    }

    @Test
    void everyStartGeneratesExactlyTheSameResponses() {
        for (int i = 0; i < DemoPanel.WAVES.size(); i++) {
            List<SurveyResponse> first = PanelSimulator.of(DemoPanel.waves(40).get(i)).deliveries().toList();
            List<SurveyResponse> again = PanelSimulator.of(DemoPanel.waves(40).get(i)).deliveries().toList();
            assertThat(again).isEqualTo(first);
            assertThat(first).extracting(SurveyResponse::getRespondentId).hasSizeGreaterThanOrEqualTo(40);
        }
    }
}

package org.medpulse.chaos.panel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpulse.avro.Barrier;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.PracticeSetting;
import org.medpulse.avro.PracticeType;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.avro.ToolUsage;
import org.medpulse.avro.UsageFrequency;
import org.medpulse.avro.UseCase;

class PanelModelTest {

    private static final PanelModel.Cell CELL = new PanelModel.Cell("2025-06", "acme", PracticeType.SPECIALIST,
            PracticeSetting.HOSPITAL);

    @Test
    void theLatestAnswerCountsOnceWhateverTheOrderOfDelivery() {
        SurveyResponse first = response("r1", "id-b", "2025-06-10T10:00:00Z", UsageFrequency.NEVER);
        SurveyResponse correction = response("r1", "id-c", "2025-06-12T10:00:00Z", UsageFrequency.DAILY);
        SurveyResponse lateOlder = response("r1", "id-a", "2025-06-09T10:00:00Z", UsageFrequency.MONTHLY);
        for (List<SurveyResponse> order : List.of(List.of(first, correction, first, lateOlder),
                List.of(lateOlder, correction, first), List.of(correction, first, correction))) {
            PanelModel model = new PanelModel();
            order.forEach(model::accept);
            Tally cell = model.expected().cell(CELL);
            assertThat(cell.respondents()).isEqualTo(1);
            assertThat(cell.frequency(UsageFrequency.DAILY)).isEqualTo(1);
            assertThat(cell.regularUsers()).isEqualTo(1);
            assertThat(cell.users()).isEqualTo(1);
            assertThat(model.expected().waves().get("2025-06").firstSubmittedAt()).isEqualTo("2025-06-12T10:00:00Z");
        }
    }

    @Test
    void aTieOnSubmittedAtGoesToTheLargerResponseId() {
        SurveyResponse smaller = response("r1", "id-a", "2025-06-10T10:00:00Z", UsageFrequency.NEVER);
        SurveyResponse larger = response("r1", "id-b", "2025-06-10T10:00:00Z", UsageFrequency.WEEKLY);
        PanelModel model = new PanelModel();
        model.accept(larger);
        model.accept(smaller);
        assertThat(model.expected().cell(CELL).frequency(UsageFrequency.WEEKLY)).isEqualTo(1);
        assertThat(model.expected().cell(CELL).regularUsers()).isZero();
    }

    @Test
    void toolsAreCountedByCatalogueIdOncePerRespondentRegularIfAnyListingIs() {
        SurveyResponse r = SurveyResponse.newBuilder(response("r1", "id-a", "2025-06-10T10:00:00Z", UsageFrequency.DAILY))
                .setTools(List.of(new ToolUsage("ChatGPT", UsageFrequency.MONTHLY), new ToolUsage("chat gpt",
                        UsageFrequency.DAILY), new ToolUsage("Nabla", null)))
                .build();
        PanelModel model = new PanelModel();
        model.accept(r);
        Tally cell = model.expected().cell(CELL);
        assertThat(cell.toolUsers("chatgpt")).isEqualTo(1);
        assertThat(cell.toolRegularUsers("chatgpt")).isEqualTo(1);
        assertThat(cell.toolUsers("nabla")).isEqualTo(1);
        assertThat(cell.toolRegularUsers("nabla")).isZero();
        assertThat(cell.barrier(Barrier.COST)).isEqualTo(1);
        assertThat(cell.useCase(UseCase.ADMINISTRATIVE_DOCUMENTATION)).isEqualTo(1);
    }

    @Test
    void marketDriversAreCountedAmongThoseAskedOnly() {
        PanelModel model = new PanelModel();
        model.accept(response("r1", "id-a", "2025-06-10T10:00:00Z", UsageFrequency.DAILY)); // not asked (v1)
        model.accept(SurveyResponse.newBuilder(response("r2", "id-b", "2025-06-10T10:00:00Z", UsageFrequency.DAILY))
                .setMarketDrivers(List.of()).build());
        model.accept(SurveyResponse.newBuilder(response("r3", "id-c", "2025-06-10T10:00:00Z", UsageFrequency.DAILY))
                .setMarketDrivers(List.of(MarketDriver.values()[0], MarketDriver.values()[0])).build());
        Tally cell = model.expected().cell(CELL);
        assertThat(cell.respondents()).isEqualTo(3);
        assertThat(cell.asked()).isEqualTo(2);
        assertThat(cell.driver(MarketDriver.values()[0])).isEqualTo(1);
    }

    @Test
    void groupsAddUpFromCellsAndDays() {
        PanelModel model = new PanelModel();
        model.accept(response("r1", "id-a", "2025-06-10T10:00:00Z", UsageFrequency.DAILY));
        model.accept(response("r2", "id-b", "2025-06-11T23:59:59Z", UsageFrequency.NEVER));
        model.accept(SurveyResponse.newBuilder(response("r3", "id-c", "2025-06-11T00:00:00Z", UsageFrequency.WEEKLY))
                .setPartnerId("other").build());
        PanelModel.Expected expected = model.expected();
        assertThat(expected.wave("2025-06").respondents()).isEqualTo(3);
        assertThat(expected.cell(CELL).respondents()).isEqualTo(2);
        assertThat(expected.days(java.time.LocalDate.parse("2025-06-11"), java.time.LocalDate.parse("2025-06-11"))
                .respondents()).isEqualTo(2);
        assertThat(expected.respondents()).isEqualTo(3);
        assertThat(expected.partners()).containsExactly("acme", "other");
    }

    private static SurveyResponse response(String respondent, String id, String at, UsageFrequency usage) {
        boolean user = usage != UsageFrequency.NEVER;
        return SurveyResponse.newBuilder()
                .setResponseId(id)
                .setPartnerId("acme")
                .setRespondentId(respondent)
                .setWaveId("2025-06")
                .setSubmittedAt(Instant.parse(at))
                .setPracticeType(PracticeType.SPECIALIST)
                .setSpecialty("cardiology")
                .setSetting(PracticeSetting.HOSPITAL)
                .setRegion(null)
                .setUsageFrequency(usage)
                .setUseCases(user ? List.of(UseCase.ADMINISTRATIVE_DOCUMENTATION) : List.of())
                .setBarriers(List.of(Barrier.COST))
                .setTools(user ? List.of(new ToolUsage("ChatGPT", usage)) : List.of())
                .setExpectedFutureUseCases(List.of())
                .build();
    }
}

package org.medpulse.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medpulse.avro.UsageFrequency.DAILY;
import static org.medpulse.avro.UsageFrequency.NEVER;
import static org.medpulse.avro.UsageFrequency.WEEKLY;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.medpulse.schemas.catalogue.ToolCatalogue;
import org.medpulse.schemas.catalogue.ToolEntry;
import org.medpulse.streams.query.question.ToolTrendQuestion;
import org.medpulse.streams.query.question.ToolsQuestion;
import org.medpulse.streams.query.question.UsageQuestion;
import org.medpulse.streams.query.question.WaveTotalsQuestion;
import org.medpulse.streams.query.report.ToolTrendReport;
import org.medpulse.streams.query.report.ToolsReport;

/** The questions' own decisions, through the real router; the HTTP tests cover the full shapes. */
class QueryServiceTest {

    private final InMemoryPartitions stats = InMemoryPartitions.holdingAll(3);
    private final AtomicReference<ToolCatalogue> catalogue = new AtomicReference<>(ToolCatalogue.builtIn());
    private final QueryService service = LocalQueries.over(stats, SmallCellPolicy.minCellSize(2), catalogue::get);

    @Test
    void aToolIsFoundByAnyAliasAndReportedUnderItsId() {
        stats.add(Answer.in("2025-06").tool("chatgpt", DAILY).build(), Answer.in("2025-06").build());

        QueryResult<ToolTrendReport> trend = service.answer(ToolTrendQuestion.of("Chat GPT", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST);

        assertThat(trend.value().tool()).isEqualTo("chatgpt");
        assertThat(trend.value().name()).isEqualTo("ChatGPT");
        assertThat(trend.value().known()).isTrue();
        assertThat(trend.value().points()).singleElement()
                .satisfies(p -> assertThat(p.users().count()).isEqualTo(1));
    }

    @Test
    void aCatalogueToolNobodyNamedHasAZeroTrend() {
        stats.add(Answer.in("2025-06").build(), Answer.in("2025-06").build());

        ToolTrendReport trend = service.answer(ToolTrendQuestion.of("nabla", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST).value();

        assertThat(trend.points()).singleElement().satisfies(p -> {
            assertThat(p.users().count()).isZero();
            assertThat(p.regularUsers().count()).isZero();
        });
    }

    @Test
    void anUnknownToolNamedInResponsesIsFoundByItsSlug() {
        stats.add(Answer.in("2025-06").tool("outil-interne", WEEKLY).build(),
                Answer.in("2025-06").tool("outil-interne", null).build(), Answer.in("2025-06").build());

        ToolTrendReport trend = service.answer(ToolTrendQuestion.of("Outil  Interne", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST).value();

        assertThat(trend.tool()).isEqualTo("outil-interne");
        assertThat(trend.known()).isFalse();
    }

    @Test
    void aToolNeitherCataloguedNorNamedIsUnknownWhateverTheFilter() {
        stats.add(Answer.in("2025-06").partner("acme").tool("outil-interne", WEEKLY).build(),
                Answer.in("2025-06").partner("acme").tool("outil-interne", DAILY).build());

        assertThat(service.answer(ToolTrendQuestion.of("no such tool", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.UNKNOWN_TOOL));
        assertThat(service.answer(ToolTrendQuestion.of("!!!", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.UNKNOWN_TOOL));
        // Named by another partner's respondent: known, with zeros for this partner.
        assertThat(service.answer(ToolTrendQuestion.of("outil-interne", SurveyFilter.all().withPartner("other"), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST).isSuccess())
                .isTrue();
    }

    @Test
    void aFreeTextToolFewerThanKRespondentsOfEveryWaveNamedIsUnknownLikeOneNobodyNamed() {
        stats.add(Answer.in("2025-06").tool("outil-interne", WEEKLY).build(), Answer.in("2025-06").build(),
                Answer.in("2026-06").tool("outil-interne", WEEKLY).build());

        QueryResult<ToolTrendReport> rare = service.answer(ToolTrendQuestion.of("outil-interne", SurveyFilter.all(), catalogue.get()),
                ReadOptions.activeOnly(), Audience.ANALYST);
        QueryResult<ToolTrendReport> nobody = service.answer(ToolTrendQuestion.of("outil-externe", SurveyFilter.all(), catalogue.get()),
                ReadOptions.activeOnly(), Audience.ANALYST);

        assertThat(rare).isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.UNKNOWN_TOOL));
        assertThat(((QueryResult.Failure<?>) rare).message().replace("interne", "externe"))
                .isEqualTo(((QueryResult.Failure<?>) nobody).message());
    }

    @Test
    void aFreeTextToolIsNamedOnlyWhereAtLeastKOfTheWholeWaveNamedItWhateverTheFilter() {
        // 2025-06: two respondents (k) name it, in two partners; 2026-06: one does.
        stats.add(Answer.in("2025-06").partner("acme").tool("outil-interne", WEEKLY).build(),
                Answer.in("2025-06").partner("medica").tool("outil-interne", WEEKLY).tool("autre-outil", DAILY).build(),
                Answer.in("2025-06").partner("medica").build(),
                Answer.in("2026-06").partner("acme").tool("outil-interne", WEEKLY).build(),
                Answer.in("2026-06").partner("acme").tool("chatgpt", WEEKLY).build());

        var medica = service.answer(new ToolsQuestion("2025-06", SurveyFilter.all().withPartner("medica"), null),
                ReadOptions.activeOnly(), Audience.ANALYST).value();
        assertThat(medica.tools()).extracting(ToolsReport.ToolStatistic::tool)
                .as("named by one medica respondent, but by two of the wave").containsExactly("outil-interne", "_other");
        assertThat(medica.tools().get(1).users().count()).as("autre-outil, named once").isEqualTo(1);

        var later = service.answer(new ToolsQuestion("2026-06", SurveyFilter.all(), null), ReadOptions.activeOnly(),
                Audience.ANALYST).value();
        assertThat(later.tools()).extracting(ToolsReport.ToolStatistic::tool).containsExactly("chatgpt", "_other");

        ToolTrendReport trend = service.answer(ToolTrendQuestion.of("outil-interne", SurveyFilter.all(), catalogue.get()),
                ReadOptions.activeOnly(), Audience.ANALYST).value();
        assertThat(trend.points()).extracting(ToolTrendReport.Point::suppressed).containsExactly(false, true);
        assertThat(trend.points().get(0).users().count()).isEqualTo(2);
    }

    @Test
    void catalogueEntriesAddedAtRuntimeNameTools() {
        stats.add(Answer.in("2025-06").tool("outil-interne", WEEKLY).build(), Answer.in("2025-06").build());
        catalogue.set(catalogue.get().with(new ToolEntry("outil-interne", "Outil Interne", "CHU", "assistant", List.of("oi"), true)));

        var tools = service.answer(new ToolsQuestion("2025-06", SurveyFilter.all(), null), ReadOptions.activeOnly(), Audience.ANALYST).value();

        assertThat(tools.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Outil Interne");
            assertThat(t.known()).isTrue();
        });
        assertThat(service.answer(ToolTrendQuestion.of("OI", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST).value().tool()).isEqualTo("outil-interne");
    }

    @Test
    void waveTotalsCountRegularUsersAndAreSuppressedBelowTheMinimumCellSize() {
        stats.add(Answer.in("2025-06").frequency(DAILY).build(), Answer.in("2025-06").frequency(WEEKLY).build(),
                Answer.in("2025-06").frequency(NEVER).build(), Answer.in("2026-06").frequency(DAILY).build());

        var events = service.answer(new WaveTotalsQuestion(), ReadOptions.activeOnly(), Audience.ANALYST).value();

        assertThat(events).hasSize(2);
        assertThat(events.get(0).wave()).isEqualTo("2025-06");
        assertThat(events.get(0).respondents()).isEqualTo(3);
        assertThat(events.get(0).regularUsers().count()).isEqualTo(1);
        assertThat(events.get(1).suppressed()).isTrue();
        assertThat(events.get(1).regularUsers()).isNull();
    }

    @Test
    void readerFailuresPassThroughUnchanged() {
        stats.add(Answer.in("2025-06").build()).unavailable(FailureReason.REBALANCING, false);

        assertThat(service.answer(new UsageQuestion("2025-06", SurveyFilter.all()), ReadOptions.allowStale(), Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.REBALANCING));
        assertThat(service.answer(ToolTrendQuestion.of("chatgpt", SurveyFilter.all(), catalogue.get()), ReadOptions.activeOnly(), Audience.ANALYST))
                .isInstanceOfSatisfying(QueryResult.Failure.class, f -> assertThat(f.reason()).isEqualTo(FailureReason.REBALANCING));
    }
}

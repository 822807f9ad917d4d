package org.medpulse.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.cli.MedPulseCommand;
import org.medpulse.it.dashboard.DashboardPage;
import org.medpulse.it.dashboard.HeadlessChromium;
import org.medpulse.avro.MarketDriver;
import org.medpulse.avro.SurveyResponse;
import org.medpulse.producer.ingest.IngestRules;
import org.medpulse.producer.ingest.PartnerFile;
import org.medpulse.producer.ingest.ReadRow;
import org.medpulse.producer.ingest.RejectsFile;
import org.medpulse.producer.ingest.ResponseIds;
import org.medpulse.producer.ingest.ResponseValidator;
import org.medpulse.producer.ingest.SourceRow;
import org.medpulse.producer.ingest.ValidRow;
import org.medpulse.producer.publish.ResponseProducers;
import org.medpulse.schemas.ResponseKey;
import org.medpulse.schemas.Topics;
import org.medpulse.serde.AvroSerdeConfig;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.app.StreamsApplication;
import org.medpulse.streams.app.StreamsSettings;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.testkit.LocalStackExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dashboard in real headless Chromium against the running streams application, on a real
 * broker and the real schema registry, fed a known panel the way partners' files arrive
 * ({@code medpulse ingest}: CSV, validation, Avro in the Confluent wire format). The page must
 * show the numbers the panel implies, follow the filters, hide cells below the minimum size, and
 * take in a new response and a correction live; its console stays free of errors. The application
 * has an analyst token (exact figures, the page opened with {@code ?token=}) and publishes to
 * everyone else, the page without a token included, by the cell key method: the page must say which
 * method its figures come from and show the public's figures as published. Screenshots go to
 * {@code target/dashboard-screenshots}. Skipped when Debian's chromium and chromium-driver are not
 * installed.
 *
 * <p>The known panel. Wave 2025-06, submitted in June 2025 (outside every rolling window): 8
 * general practitioners of panel-a, 2 daily ChatGPT users and 6 who never use AI; not asked about
 * market drivers. Wave 2026-06, submitted ten days ago, 20 respondents:
 * <pre>
 * partner  n  practice type  setting           frequency            barriers                     tools
 * panel-a  6  GP             private practice  daily                ethics                       ChatGPT daily
 * panel-a  4  GP             private practice  never                ethics, dehumanisation       -
 * panel-b  5  specialist     hospital          weekly               reliability                  ChatGPT weekly, Nabla daily
 * panel-b  3  specialist     hospital          several times a day  reliability, data privacy    Posos several a day, Nabla weekly
 * panel-b  2  GP             hospital          never                cost                         -
 * </pre>
 * A second later, 16 of them answer again, the same, in the v2 survey that also asks about market
 * drivers; panel-a's 4 who never use AI do not:
 * <pre>
 * partner  n  frequency            market drivers
 * panel-a  6  daily                lack of medical time, repetitive tasks
 * panel-a  4  never                (not asked)
 * panel-b  5  weekly               knowledge volume, lack of medical time
 * panel-b  3  several times a day  personalised medicine, knowledge volume
 * panel-b  2  never                (asked, none named)
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDashboardIT {

    @RegisterExtension
    static final LocalStackExtension STACK = new LocalStackExtension();

    private static final String TOKEN = "dashboard-it-token";
    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final String EARLIER_WAVE = "2025-06";
    private static final String CURRENT_WAVE = "2026-06";
    private static final List<String> FREQUENCIES = List.of("Never", "Less than monthly", "Monthly", "Weekly",
            "Several times a week", "Daily", "Several times a day");
    private static final String CSV_HEADER = "respondent_id,wave,submitted_at,practice_type,setting,usage_frequency,"
            + "use_cases,barriers,tools";
    /** The current wave's answers: inside the 30-day rolling window whatever day the test runs. */
    private static final Instant TEN_DAYS_AGO = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The current wave's drivers as the API ranks them for the analyst: by count, then ties by symbol. */
    private static final List<String> DRIVERS = List.of("Lack of available medical time", "Large volume of knowledge",
            "Repetitive, time-consuming tasks", "Personalised and predictive medicine", "Changing university curricula",
            "No right to error", "Other", "Growing patient demand", "Changing regulatory policies");

    @TempDir
    static Path work;

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static DashboardPage page;
    private static StreamsApplication application;

    @BeforeAll
    static void startTheApplicationAndIngestTheKnownPanel() throws Exception {
        chromium = HeadlessChromium.startOrSkip(Path.of("target", "chromium"));
        browser = chromium.driver();
        page = new DashboardPage(browser);
        // Started first: it creates the topics, and the responses topic must keep year-old answers.
        application = StreamsApplication.start(streamsConfig());

        List<String> aDaily = rows(6, "a-daily", CURRENT_WAVE, TEN_DAYS_AGO, "GP", "private practice", "DAILY",
                "ADMINISTRATIVE_DOCUMENTATION", "ETHICS_AND_LIABILITY", "ChatGPT:DAILY");
        List<String> bWeekly = rows(5, "b-weekly", CURRENT_WAVE, TEN_DAYS_AGO, "SPECIALIST", "hospital", "WEEKLY",
                "ADMINISTRATIVE_DOCUMENTATION|KNOWLEDGE_SEARCH", "RELIABILITY_OF_RESULTS", "ChatGPT:WEEKLY|Nabla:DAILY");
        List<String> bIntense = rows(3, "b-intense", CURRENT_WAVE, TEN_DAYS_AGO, "SPECIALIST", "hospital", "SEVERAL_TIMES_A_DAY",
                "MEDICAL_IMAGING", "RELIABILITY_OF_RESULTS|DATA_PRIVACY", "Posos:SEVERAL_TIMES_A_DAY|Nabla:WEEKLY");
        List<String> bNever = rows(2, "b-never", CURRENT_WAVE, TEN_DAYS_AGO, "GP", "hospital", "NEVER", "", "COST", "");
        ingest("panel-a", "known-a.csv",
                rows(2, "old-daily", EARLIER_WAVE, Instant.parse("2025-06-15T09:00:00Z"), "GP", "private practice", "DAILY",
                        "ADMINISTRATIVE_DOCUMENTATION", "ETHICS_AND_LIABILITY", "ChatGPT:DAILY"),
                rows(6, "old-never", EARLIER_WAVE, Instant.parse("2025-06-16T09:00:00Z"), "GP", "private practice", "NEVER",
                        "", "ETHICS_AND_LIABILITY", ""),
                aDaily,
                rows(4, "a-never", CURRENT_WAVE, TEN_DAYS_AGO, "GP", "private practice", "NEVER",
                        "", "ETHICS_AND_LIABILITY|DEHUMANIZATION_OF_CARE", ""));
        ingest("panel-b", "known-b.csv", bWeekly, bIntense, bNever);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> respondentsPerWave().equals(Map.of(EARLIER_WAVE, 8, CURRENT_WAVE, 20)));

        answerTheV2Survey("panel-a", aDaily, List.of(MarketDriver.LACK_OF_MEDICAL_TIME, MarketDriver.REPETITIVE_TASKS));
        answerTheV2Survey("panel-b", bWeekly, List.of(MarketDriver.KNOWLEDGE_VOLUME, MarketDriver.LACK_OF_MEDICAL_TIME));
        answerTheV2Survey("panel-b", bIntense, List.of(MarketDriver.PERSONALISED_MEDICINE, MarketDriver.KNOWLEDGE_VOLUME));
        answerTheV2Survey("panel-b", bNever, List.of());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> api("/api/v1/waves/" + CURRENT_WAVE + "/drivers", TOKEN).path("asked").asInt() == 16);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (application != null) {
                application.close();
            }
        }
    }

    @BeforeEach
    void forgetEarlierConsoleEntries() {
        chromium.viewport(1366, 900);
        chromium.consoleSinceLastCall();
    }

    @AfterEach
    void consoleStaysClean() {
        List<LogEntry> console = chromium.consoleSinceLastCall();
        browser.get("about:blank"); // closes the page's live stream
        assertThat(console).filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .as("console errors").isEmpty();
    }

    @Test
    @Order(1)
    void showsTheNumbersOfTheKnownPanel() throws IOException {
        page.open(pageUrl());

        assertThat(browser.findElement(By.id("wave")).getDomProperty("value")).isEqualTo(CURRENT_WAVE);
        assertThat(browser.findElements(By.cssSelector("#wave option"))).extracting(WebElement::getText)
                .containsExactly(EARLIER_WAVE + " · 8 respondents", CURRENT_WAVE + " · 20 respondents");
        assertThat(page.text("respondents")).isEqualTo("20");
        assertThat(page.text("regular-share")).isEqualTo("45.0%");
        assertThat(page.text("regular-ci")).isEqualTo("95% CI 25.8–65.8% · 9 of 20");
        assertThat(page.text("users-share")).isEqualTo("70.0%");
        assertThat(page.text("never-share")).isEqualTo("30.0%");
        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.EXACT_FIGURES);
        assertThat(page.displayed("disclosure-note")).as("exact figures need no note").isFalse();

        DashboardPage.ChartData frequency = page.chart("frequency");
        assertThat(frequency.labels()).isEqualTo(FREQUENCIES);
        assertThat(frequency.data("General practitioners (n = 12)")).containsExactly(50.0, 0.0, 0.0, 0.0, 0.0, 50.0, 0.0);
        assertThat(frequency.data("Specialists (n = 8)")).containsExactly(0.0, 0.0, 0.0, 62.5, 0.0, 0.0, 37.5);

        DashboardPage.ChartData trend = page.chart("trend");
        assertThat(trend.labels()).containsExactly(EARLIER_WAVE, CURRENT_WAVE);
        assertThat(trend.data("Regular users")).containsExactly(25.0, 45.0);

        DashboardPage.ChartData barriers = page.chart("barriers");
        assertThat(barriers.labels().subList(0, 5)).containsExactly("Ethics and liability", "Reliability of results",
                "Dehumanisation of care", "Data privacy", "Cost");
        assertThat(barriers.data(0).subList(0, 5)).containsExactly(50.0, 40.0, 20.0, 15.0, 10.0);
        assertThat(barriers.data(0).subList(5, barriers.data(0).size())).containsOnly(0.0);

        // Market drivers: shares of the 16 respondents asked, not of the 20.
        assertThat(page.attribute("drivers-card", "data-state")).isEqualTo("ok");
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 16 of the 20 respondents");
        DashboardPage.ChartData drivers = page.chart("drivers");
        assertThat(drivers.labels()).containsExactlyElementsOf(DRIVERS);
        assertThat(drivers.data(0)).containsExactly(68.75, 50.0, 37.5, 18.75, 0.0, 0.0, 0.0, 0.0, 0.0);

        DashboardPage.ChartData tools = page.chart("tools");
        assertThat(tools.labels()).containsExactly("ChatGPT", "Nabla", "Posos");
        assertThat(tools.data("Users")).containsExactly(55.0, 40.0, 15.0);
        assertThat(tools.data("Regular users")).containsExactly(30.0, 25.0, 15.0);

        DashboardPage.ChartData chatgpt = page.chart("toolTrend");
        assertThat(chatgpt.labels()).containsExactly(EARLIER_WAVE, CURRENT_WAVE);
        assertThat(chatgpt.data("ChatGPT users")).containsExactly(25.0, 55.0);
        assertThat(chatgpt.data("ChatGPT regular users")).containsExactly(25.0, 30.0);

        assertThat(page.text("rolling-respondents")).isEqualTo("20");
        assertThat(page.text("rolling-regular-share")).startsWith("45.0%");
        assertThat(page.attribute("last-update", "datetime")).isNotBlank();
        assertThat(page.attribute("live-status", "data-state")).isEqualTo("open");

        chromium.screenshotFullPage(SCREENSHOTS.resolve("dashboard.png"));

        // The earlier wave was answered before the question existed.
        page.choose("wave", EARLIER_WAVE);
        awaitShort().untilAsserted(() -> assertThat(page.attribute("drivers-card", "data-state")).isEqualTo("not-asked"));
        page.awaitSettled();
        assertThat(page.note("drivers-card"))
                .isEqualTo("Market drivers: not asked in this wave — none of these 8 respondents was asked.");
        assertThat(page.displayed("drivers-asked")).isFalse();
        assertThat(page.chart("drivers").labels()).isEmpty();
        assertThat(page.text("respondents")).isEqualTo("8");
    }

    @Test
    @Order(2)
    void filtersChangeTheNumbersToThoseOfTheFilteredPanel() {
        page.open(pageUrl());

        page.choose("practice-type", "SPECIALIST");
        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("8"));
        page.awaitSettled();
        assertThat(page.text("regular-share")).isEqualTo("37.5%");
        assertThat(page.text("users-share")).isEqualTo("100.0%");
        assertThat(page.text("never-share")).isEqualTo("0.0%");
        DashboardPage.ChartData barriers = page.chart("barriers");
        assertThat(barriers.labels().subList(0, 2)).containsExactly("Reliability of results", "Data privacy");
        assertThat(barriers.data(0).subList(0, 3)).containsExactly(100.0, 37.5, 0.0);
        DashboardPage.ChartData tools = page.chart("tools");
        assertThat(tools.labels()).as("the top tool among specialists").containsExactly("Nabla", "ChatGPT", "Posos");
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 8 respondents");
        assertThat(page.chart("drivers").labels().subList(0, 3)).containsExactly("Large volume of knowledge",
                "Lack of available medical time", "Personalised and predictive medicine");
        assertThat(page.chart("drivers").data(0).subList(0, 4)).containsExactly(100.0, 62.5, 37.5, 0.0);
        assertThat(tools.data("Users")).containsExactly(100.0, 62.5, 37.5);
        assertThat(tools.data("Regular users")).containsExactly(62.5, 0.0, 37.5);
        // No specialist answered the earlier wave: hidden, not zero.
        assertThat(page.chart("trend").data("Regular users")).containsExactly(null, 37.5);
        assertThat(page.attribute("trend-card", "data-state")).isEqualTo("partial");
        // GPs beside specialists stays a comparison of both, whatever the practice-type filter.
        assertThat(page.chart("frequency").data("General practitioners (n = 12)"))
                .containsExactly(50.0, 0.0, 0.0, 0.0, 0.0, 50.0, 0.0);

        page.choose("practice-type", "");
        browser.findElement(By.id("partner")).sendKeys("panel-a", Keys.ENTER);
        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("10"));
        page.awaitSettled();
        assertThat(page.text("regular-share")).isEqualTo("60.0%");
        assertThat(page.text("never-share")).isEqualTo("40.0%");
        assertThat(page.chart("barriers").labels().subList(0, 2)).containsExactly("Ethics and liability", "Dehumanisation of care");
        assertThat(page.chart("barriers").data(0).subList(0, 3)).containsExactly(100.0, 40.0, 0.0);
        assertThat(page.chart("tools").labels()).containsExactly("ChatGPT");
        assertThat(page.text("drivers-asked")).as("panel-a's 4 who never use AI were not asked")
                .isEqualTo("Asked of 6 of the 10 respondents");
        assertThat(page.chart("drivers").labels().subList(0, 2)).containsExactly("Lack of available medical time",
                "Repetitive, time-consuming tasks");
        assertThat(page.chart("drivers").data(0).subList(0, 3)).containsExactly(100.0, 100.0, 0.0);
        assertThat(page.chart("trend").data("Regular users")).containsExactly(25.0, 60.0);
        DashboardPage.ChartData frequency = page.chart("frequency");
        assertThat(frequency.data("General practitioners (n = 10)")).containsExactly(40.0, 0.0, 0.0, 0.0, 0.0, 60.0, 0.0);
        assertThat(frequency.data("Specialists (hidden)")).containsOnlyNulls();
        assertThat(browser.getCurrentUrl()).contains("partner=panel-a").doesNotContain("practiceType");
    }

    @Test
    @Order(3)
    void aSelectionBelowTheMinimumCellSizeIsHiddenNotZero() throws IOException {
        page.open(pageUrl());

        page.choose("practice-type", "GENERAL_PRACTITIONER");
        page.choose("setting", "HOSPITAL");
        awaitShort().untilAsserted(() -> assertThat(page.attribute("kpis", "data-state")).isEqualTo("suppressed"));
        page.awaitSettled();

        assertThat(page.text("respondents")).isEqualTo("2");
        assertThat(page.text("regular-share")).isEqualTo("Hidden");
        assertThat(page.text("kpis-suppressed")).contains("only 2 respondents").contains("hidden for privacy");
        for (String card : List.of("barriers-card", "drivers-card", "tools-card", "trend-card", "use-cases-card", "rolling-card")) {
            assertThat(page.attribute(card, "data-state")).as(card).isEqualTo("suppressed");
        }
        assertThat(page.note("barriers-card"))
                .isEqualTo("Barriers: only 2 respondents, fewer than the privacy threshold — hidden for privacy.");
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 2 respondents");
        assertThat(page.note("drivers-card"))
                .isEqualTo("Those asked about market drivers: only 2 respondents, fewer than the privacy threshold"
                        + " — hidden for privacy.");
        assertThat(page.chart("drivers").labels()).isEmpty();
        assertThat(page.chart("barriers").labels()).isEmpty();
        assertThat(page.chart("tools").labels()).isEmpty();
        // In hospitals, the 2 GPs are hidden beside the 8 specialists.
        assertThat(page.attribute("frequency-card", "data-state")).isEqualTo("partial");
        assertThat(page.chart("frequency").data("General practitioners (hidden)")).containsOnlyNulls().hasSize(7);
        assertThat(page.chart("frequency").data("Specialists (n = 8)")).containsExactly(0.0, 0.0, 0.0, 62.5, 0.0, 0.0, 37.5);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("0.0%");

        chromium.screenshotFullPage(SCREENSHOTS.resolve("dashboard-suppressed.png"));
    }

    /**
     * One specialist corrects their answer to add a tool of their own, named by nobody else: the
     * analyst sees it counted under "Other tools", never by its name. The page without a token is
     * the public's: perturbed figures, as the API publishes them to a request without a token, and
     * a badge and a note saying so.
     */
    @Test
    @Order(4)
    void withoutATokenThePublicSeesPerturbedFiguresTheMethodAndWhatItMeans() throws Exception {
        ingest("panel-b", "free-text-tool.csv", rows(1, "b-weekly", CURRENT_WAVE, TEN_DAYS_AGO.plusSeconds(60), "SPECIALIST",
                "hospital", "WEEKLY", "ADMINISTRATIVE_DOCUMENTATION|KNOWLEDGE_SEARCH", "RELIABILITY_OF_RESULTS",
                "ChatGPT:WEEKLY|Nabla:DAILY|ScribeBot:WEEKLY"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> api("/api/v1/waves/" + CURRENT_WAVE + "/tools", TOKEN).path("tools").findValuesAsText("tool")
                        .contains("_other"));

        page.open(pageUrl());
        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.EXACT_FIGURES);
        assertThat(page.chart("tools").labels()).containsExactly("ChatGPT", "Nabla", "Posos", "Other tools");
        assertThat(page.note("tools-card")).isEqualTo("Other tools: tools typed in by too few respondents to be named, counted together.");
        assertThat(browser.findElements(By.cssSelector("#tool option"))).extracting(e -> e.getDomAttribute("value"))
                .containsExactly("chatgpt", "nabla", "posos");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContainIgnoringCase("scribe");
        // That correction came from a file without the drivers column: the respondent is no longer asked.
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 15 of the 20 respondents");

        page.open(publicPageUrl());

        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.PERTURBED_FIGURES);
        assertThat(page.attribute("disclosure-method", "data-method")).isEqualTo("cell-key");
        assertThat(page.displayed("disclosure-note")).isTrue();
        assertThat(page.text("disclosure-note")).isEqualTo(DashboardPage.PERTURBATION_NOTE);
        JsonNode usage = api("/api/v1/waves/" + CURRENT_WAVE + "/usage", null);
        assertThat(usage.path("disclosure").path("method").asText()).isEqualTo("cell-key");
        assertThat(page.text("respondents")).as("as published to the public").isEqualTo(usage.path("respondents").asText());
        assertThat(page.text("regular-ci")).endsWith("· " + usage.path("regularUsers").path("count").asLong() + " of "
                + usage.path("respondents").asLong());
        JsonNode waves = api("/api/v1/waves", null);
        assertThat(waves.path("waves").findValuesAsText("lastSubmittedAt")).as("days, not instants")
                .allSatisfy(day -> assertThat(day).matches("\\d{4}-\\d{2}-\\d{2}"));
        List<String> waveOptions = new ArrayList<>();
        waves.path("waves").forEach(wave -> waveOptions.add(wave.path("wave").asText() + " · " + wave.path("respondents").asLong()
                + " respondents"));
        assertThat(browser.findElements(By.cssSelector("#wave option"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(waveOptions);
        // Rolling windows of 30 and 90 days are among those the cell key method accepts.
        assertThat(page.attribute("rolling-card", "data-state")).isEqualTo("ok");
        assertThat(page.text("rolling-respondents"))
                .isEqualTo(api("/api/v1/usage/rolling?days=30", null).path("respondents").asText());
        browser.findElement(By.cssSelector("label[for=days-90]")).click();
        String ninetyDays = api("/api/v1/usage/rolling?days=90", null).path("respondents").asText();
        awaitShort().untilAsserted(() -> assertThat(page.text("rolling-respondents")).isEqualTo(ninetyDays));
        assertThat(page.attribute("rolling-card", "data-state")).isEqualTo("ok");
        for (String card : List.of("frequency-card", "trend-card", "barriers-card", "drivers-card", "tools-card", "tool-trend-card",
                "use-cases-card")) {
            assertThat(page.attribute(card, "data-state")).as(card).isIn("ok", "partial");
        }
        JsonNode drivers = api("/api/v1/waves/" + CURRENT_WAVE + "/drivers", null);
        long asked = drivers.path("asked").asLong();
        long respondents = drivers.path("respondents").asLong();
        assertThat(page.text("drivers-asked")).as("as published to the public").isEqualTo(asked < respondents
                ? "Asked of " + asked + " of the " + respondents + " respondents"
                : "Asked of " + asked + " respondents");
        List<Object> shares = new ArrayList<>();
        drivers.path("drivers").forEach(driver -> shares.add(Math.round(driver.path("share").asDouble() * 10000) / 100.0));
        assertThat(page.chart("drivers").data(0)).containsExactlyElementsOf(shares);

        chromium.screenshotFullPage(SCREENSHOTS.resolve("dashboard-public-cell-key.png"));
    }

    /** Last: the new response and the correction change the panel the earlier tests know. */
    @Test
    @Order(5)
    void aNewResponseAndACorrectionShowUpLiveWithinSeconds() throws IOException {
        page.open(pageUrl());
        Instant shownBefore = Instant.parse(page.attribute("last-update", "datetime"));

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant publishing = Instant.now();
        ingest("panel-b", "new-respondent.csv",
                rows(1, "b-new", CURRENT_WAVE, now, "GP", "private practice", "DAILY", "KNOWLEDGE_SEARCH", "COST", "ChatGPT:DAILY"));

        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("21"));
        page.awaitSettled();
        Instant shownAfter = Instant.parse(page.attribute("last-update", "datetime"));
        assertThat(shownAfter).as("the 'last update' time").isAfter(shownBefore).isAfter(publishing);
        assertThat(page.text("regular-share")).isEqualTo("47.6%");
        assertThat(page.chart("trend").data("Regular users")).containsExactly(25.0, 47.62);
        assertThat(page.text("rolling-respondents")).isEqualTo("21");
        assertThat(page.text("drivers-asked")).as("a file without the drivers column").isEqualTo("Asked of 15 of the 21 respondents");
        assertThat(browser.findElement(By.cssSelector("#wave option[value='" + CURRENT_WAVE + "']")).getText())
                .isEqualTo(CURRENT_WAVE + " · 21 respondents");

        // One of panel-a's "never" respondents answers again: now a daily user. Still 21 respondents.
        ingest("panel-a", "correction.csv",
                rows(1, "a-never", CURRENT_WAVE, now.plusSeconds(1), "GP", "private practice", "DAILY", "", "", "ChatGPT:DAILY"));

        awaitShort().untilAsserted(() -> assertThat(page.text("regular-share")).isEqualTo("52.4%"));
        page.awaitSettled();
        assertThat(Instant.parse(page.attribute("last-update", "datetime"))).isAfter(shownAfter);
        assertThat(page.text("respondents")).isEqualTo("21");
        assertThat(page.text("never-share")).isEqualTo("23.8%");
        assertThat(page.chart("tools").data("Users")).as("ChatGPT: 13 of 21").startsWith(61.9);

        chromium.screenshotFullPage(SCREENSHOTS.resolve("dashboard-live.png"));
    }

    // ---------------------------------------------------------------- the known panel and its ingestion

    /** {@code count} CSV rows of identical answers from respondents {@code prefix-1} to {@code prefix-count}. */
    private static List<String> rows(int count, String prefix, String wave, Instant submittedAt, String practiceType,
            String setting, String frequency, String useCases, String barriers, String tools) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.join(",", prefix + "-" + i, wave, submittedAt.toString(), practiceType, setting,
                        frequency, useCases, barriers, tools))
                .toList();
    }

    /** Runs {@code medpulse ingest} on a CSV file of {@code groups}: the path a partner's file takes. */
    @SafeVarargs
    private static void ingest(String partner, String fileName, List<String>... groups) throws IOException {
        Path file = work.resolve(fileName);
        String rows = Arrays.stream(groups).flatMap(List::stream).collect(Collectors.joining("\n"));
        Files.writeString(file, CSV_HEADER + "\n" + rows + "\n");
        int exitCode = MedPulseCommand.execute("ingest", "--partner", partner, "--bootstrap", STACK.bootstrapServers(),
                "--registry", STACK.registryUrl(), file.toString());
        assertThat(exitCode).as("medpulse ingest %s", fileName).isZero();
        assertThat(Files.readAllLines(RejectsFile.besides(file))).as("rejects of %s", fileName)
                .containsExactly(String.join(",", RejectsFile.HEADER));
    }

    /**
     * The respondents of {@code rows} answer again a second later, from the v2 survey, which also
     * asks about market drivers: the same answers, as ingestion reads them, and {@code drivers}.
     * Partner files cannot carry the drivers yet (issue 15: the producer's part), so these go out as
     * a v2 producer writes them, through the Confluent serializer.
     */
    private static void answerTheV2Survey(String partner, List<String> rows, List<MarketDriver> drivers) throws Exception {
        Path file = Files.createTempFile(work, partner + "-v2-", ".csv");
        Files.writeString(file, CSV_HEADER + "\n" + String.join("\n", rows) + "\n");
        ResponseValidator validator = ResponseValidator.of(IngestRules.of(partner, IngestRules.DEFAULT_ZONE, Instant.now()));
        List<SurveyResponse> answers;
        try (Stream<ReadRow> read = PartnerFile.open(file, warning -> { }).rows()) {
            answers = read.map(row -> ((ValidRow) validator.validate((SourceRow) row)).response()).toList();
        }
        try (Producer<String, SurveyResponse> producer = ResponseProducers.create(STACK.clientProperties(
                Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, STACK.registryUrl())))) {
            for (SurveyResponse answer : answers) {
                answer.setSubmittedAt(answer.getSubmittedAt().plusSeconds(1));
                answer.setMarketDrivers(drivers);
                answer.setResponseId(ResponseIds.fromContent(answer));
                producer.send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, null, answer.getSubmittedAt().toEpochMilli(),
                        ResponseKey.of(answer), answer)).get();
            }
        }
    }

    private static StreamsSettings streamsConfig() throws IOException {
        Map<String, Object> settings = new HashMap<>();
        settings.put(MedPulseStreamsConfig.APPLICATION_ID, "dashboard-it");
        settings.put(MedPulseStreamsConfig.BOOTSTRAP_SERVERS, STACK.bootstrapServers());
        settings.put(MedPulseStreamsConfig.SCHEMA_REGISTRY_URL, STACK.registryUrl());
        settings.put(MedPulseStreamsConfig.STATE_DIR, Files.createDirectories(work.resolve("state")).toString());
        settings.put(MedPulseStreamsConfig.HTTP_HOST, "127.0.0.1");
        settings.put(MedPulseStreamsConfig.HTTP_PORT, 0);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // The analyst's token; requests without one are the public's, published by the cell key method.
        settings.put(SurveyApiConfig.API_TOKENS, "analyst:" + TOKEN);
        settings.put(SurveyApiConfig.DISCLOSURE, "cell-key");
        return StreamsSettings.of(settings);
    }

    private static String pageUrl() {
        return publicPageUrl() + "?token=" + TOKEN;
    }

    private static String publicPageUrl() {
        return "http://127.0.0.1:" + application.httpPort() + "/";
    }

    /** The API's answer at {@code path}, asked with {@code token}, or without a token when it is null. */
    private static JsonNode api(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.httpPort() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    /** Respondents per wave as the API's wave list says to the analyst. */
    private static Map<String, Integer> respondentsPerWave() throws Exception {
        Map<String, Integer> respondents = new HashMap<>();
        for (JsonNode wave : api("/api/v1/waves", TOKEN).path("waves")) {
            respondents.put(wave.path("wave").asText(), wave.path("respondents").asInt());
        }
        return respondents;
    }

    /** A few seconds: a filter's refresh, or a published response's way through broker, topology, API poll, stream and page. */
    private static ConditionFactory awaitShort() {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }
}

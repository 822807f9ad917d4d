package org.medpulse.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * The dashboard in real headless Chromium against a stand-in API with known numbers: what it
 * shows, what it asks, how it follows the live stream, and that the console stays clean. Skipped
 * when Debian's chromium and chromium-driver are not installed.
 */
class DashboardIT {

    private static final Path TARGET = Path.of("target");
    private static final String WAVE = "2025-06";
    private static final List<String> FREQUENCIES = List.of("Never", "Less than monthly", "Monthly", "Weekly",
            "Several times a week", "Daily", "Several times a day");
    /** The drivers of wave 2025-06 as the API ranks them: by count, then ties by symbol. */
    private static final String[] DRIVERS_OF_THE_KNOWN_PANEL = {"Lack of available medical time", "Large volume of knowledge",
        "Repetitive, time-consuming tasks", "Personalised and predictive medicine", "No right to error",
        "Changing university curricula", "Other", "Growing patient demand", "Changing regulatory policies"};

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static DashboardPage page;

    private FakeSurveyApi api;
    /** HTTP statuses a test provokes on purpose: Chromium logs each such answer as a console error. */
    private final Set<Integer> provokedStatuses = new HashSet<>();

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.startOrSkip(TARGET.resolve("chromium"));
        browser = chromium.driver();
        page = new DashboardPage(browser);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startApi() {
        api = new FakeSurveyApi(SurveyPanel.standard());
        chromium.viewport(1366, 768);
        chromium.consoleSinceLastCall(); // what an earlier test left behind is not ours
    }

    @AfterEach
    void consoleStaysClean() {
        try {
            List<LogEntry> console = chromium.consoleSinceLastCall();
            browser.get("about:blank"); // closes the page's stream before its server goes
            assertThat(console)
                    .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .filteredOn(entry -> !provoked(entry.getMessage()))
                    .as("console errors")
                    .isEmpty();
        } finally {
            api.close();
        }
    }

    @Test
    void showsTheKnownPanelInEveryChartAndRetriesA503() throws IOException {
        api.unavailableOnce("/api/v1/waves/" + WAVE + "/barriers");
        provokedStatuses.add(503);

        open();

        assertThat(page.text("respondents")).isEqualTo("50");
        assertThat(page.text("regular-share")).isEqualTo("40.0%");
        assertThat(page.text("regular-ci")).isEqualTo("95% CI 27.6–53.8% · 20 of 50");
        assertThat(page.text("users-share")).isEqualTo("70.0%");
        assertThat(page.text("never-share")).isEqualTo("30.0%");
        assertThat(browser.findElement(By.id("wave")).getDomProperty("value")).isEqualTo(WAVE);
        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.EXACT_FIGURES);
        assertThat(page.attribute("disclosure-method", "data-method")).isEqualTo("suppress");
        assertThat(page.displayed("disclosure-note")).as("exact figures need no note").isFalse();

        DashboardPage.ChartData frequency = page.chart("frequency");
        assertThat(frequency.labels()).isEqualTo(FREQUENCIES);
        assertThat(frequency.data("General practitioners (n = 30)")).containsExactly(40.0, 0.0, 20.0, 0.0, 0.0, 40.0, 0.0);
        assertThat(frequency.data("Specialists (n = 17)")).containsExactly(17.65, 0.0, 0.0, 35.29, 0.0, 0.0, 47.06);

        DashboardPage.ChartData trend = page.chart("trend");
        assertThat(trend.labels()).containsExactly("2024-06", WAVE);
        assertThat(trend.data("Regular users")).containsExactly(25.0, 40.0);
        assertThat(trend.data("95% interval")).containsExactly(List.of(11.19, 46.87), List.of(27.61, 53.82));

        DashboardPage.ChartData barriers = page.chart("barriers");
        assertThat(barriers.labels()).containsExactly("Ethics and liability", "Reliability of results", "Dehumanisation of care",
                "Data privacy", "Cost", "Lack of training", "No clear benefit", "Other", "Regulatory uncertainty",
                "Workflow integration");
        assertThat(barriers.data(0)).containsExactly(58.0, 48.0, 36.0, 12.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(api.calls("/api/v1/waves/" + WAVE + "/barriers")).as("503 answered once, then retried").hasSizeGreaterThanOrEqualTo(2);
        assertThat(((Number) page.status().get("warmingNotices")).intValue()).isPositive();
        assertThat(browser.findElement(By.cssSelector("[data-testid=warming]")).isDisplayed()).isFalse();

        // Market drivers: shares of the 47 respondents asked (not of the 50), most named first.
        assertThat(page.attribute("drivers-card", "data-state")).isEqualTo("ok");
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 47 of the 50 respondents");
        DashboardPage.ChartData drivers = page.chart("drivers");
        assertThat(drivers.labels()).containsExactly(DRIVERS_OF_THE_KNOWN_PANEL);
        assertThat(drivers.data(0)).containsExactly(55.32, 51.06, 34.04, 29.79, 6.38, 0.0, 0.0, 0.0, 0.0);

        DashboardPage.ChartData tools = page.chart("tools");
        assertThat(tools.labels()).containsExactly("ChatGPT", "Nabla", "Posos");
        assertThat(tools.data("Users")).containsExactly(70.0, 20.0, 16.0);
        assertThat(tools.data("Regular users")).containsExactly(40.0, 0.0, 16.0);
        assertThat(api.calls("/api/v1/waves/" + WAVE + "/tools")).allSatisfy(call -> assertThat(call.param("top")).isEqualTo("10"));

        DashboardPage.ChartData chatgpt = page.chart("toolTrend");
        assertThat(chatgpt.labels()).containsExactly("2024-06", WAVE);
        assertThat(chatgpt.data("ChatGPT users")).containsExactly(45.0, 70.0);
        assertThat(chatgpt.data("ChatGPT regular users")).containsExactly(25.0, 40.0);

        assertThat(page.text("rolling-respondents")).isEqualTo("26");
        assertThat(page.text("rolling-regular-share")).startsWith("76.9%");
        assertThat(page.chart("rolling").data(0)).containsExactly(0.0, 0.0, 0.0, 23.08, 0.0, 46.15, 30.77);
        assertThat(api.calls("/api/v1/usage/rolling")).allSatisfy(call -> assertThat(call.param("days")).isEqualTo("30"));

        DashboardPage.ChartData useCases = page.chart("useCases");
        assertThat(useCases.labels().get(0)).isEqualTo("Administrative documentation");
        assertThat(useCases.data("Use now").get(0)).isEqualTo(58.0);

        assertThat(api.calls()).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bearer " + FakeSurveyApi.TOKEN));
        assertThat(browser.findElement(By.cssSelector("[data-testid=last-update]")).getDomAttribute("datetime")).isNotBlank();

        chromium.screenshotFullPage(TARGET.resolve("dashboard.png"));
        chromium.emulatePhone(390, 844);
        awaitShort().until(() -> ((Number) browser.executeScript("return window.medpulse.charts.barriers.width")).intValue() < 390);
        chromium.screenshotFullPage(TARGET.resolve("dashboard-phone.png"));
        assertThat((Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling on a phone").isTrue();
        chromium.stopEmulation();
    }

    @Test
    void rollingWindowAndToolChoiceReloadTheirCharts() {
        open();

        browser.findElement(By.cssSelector("label[for=days-90]")).click();
        awaitShort().untilAsserted(() -> assertThat(page.text("rolling-respondents")).isEqualTo("50"));
        assertThat(api.calls("/api/v1/usage/rolling")).last().satisfies(call -> assertThat(call.param("days")).isEqualTo("90"));
        assertThat(page.text("rolling-regular-share")).startsWith("40.0%");

        browser.findElement(By.cssSelector("#tool option[value=posos]")).click();
        awaitShort().untilAsserted(() -> assertThat(page.chart("toolTrend").data("Posos users")).containsExactly(0.0, 16.0));
        assertThat(page.chart("toolTrend").data("Posos regular users")).containsExactly(0.0, 16.0);

        clickToolBar(1); // Nabla
        awaitShort().untilAsserted(() -> assertThat(page.chart("toolTrend").data("Nabla users")).containsExactly(0.0, 20.0));
        assertThat(browser.findElement(By.id("tool")).getDomProperty("value")).isEqualTo("nabla");
        assertThat(browser.getCurrentUrl()).contains("tool=nabla").contains("days=90").contains("token=");
    }

    @Test
    void filtersChangeEveryCallAndTheNumbers() {
        open();

        browser.findElement(By.cssSelector("#practice-type option[value=SPECIALIST]")).click();
        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("17"));
        page.awaitSettled();
        assertThat(page.text("regular-share")).isEqualTo("47.1%");
        assertThat(page.chart("trend").data("Regular users")).containsExactly(62.5, 47.06);
        DashboardPage.ChartData barriers = page.chart("barriers");
        assertThat(barriers.labels().subList(0, 4))
                .containsExactly("Ethics and liability", "Reliability of results", "Data privacy", "Dehumanisation of care");
        assertThat(barriers.data(0).subList(0, 4)).containsExactly(64.71, 47.06, 35.29, 35.29);
        for (String path : List.of("/api/v1/waves/" + WAVE + "/barriers", "/api/v1/waves/" + WAVE + "/tools",
                "/api/v1/waves/2024-06/usage", "/api/v1/usage/rolling", "/api/v1/tools/chatgpt/trend")) {
            assertThat(api.calls(path)).as(path).anySatisfy(call -> assertThat(call.param("practiceType")).isEqualTo("SPECIALIST"));
        }
        // GPs beside specialists stays a comparison: both practice types, whatever the filter.
        assertThat(page.chart("frequency").data("General practitioners (n = 30)")).containsExactly(40.0, 0.0, 20.0, 0.0, 0.0, 40.0, 0.0);

        WebElement partner = browser.findElement(By.id("partner"));
        partner.sendKeys("PANEL-B", Keys.ENTER);
        browser.findElement(By.cssSelector("#practice-type option[value='']")).click();
        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("26"));
        page.awaitSettled();
        assertThat(page.text("regular-share")).isEqualTo("76.9%");
        assertThat(page.chart("frequency").data("General practitioners (n = 12)")).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 0.0);
        assertThat(page.chart("frequency").data("Specialists (n = 14)")).containsExactly(0.0, 0.0, 0.0, 42.86, 0.0, 0.0, 57.14);
        assertThat(api.calls("/api/v1/waves/" + WAVE + "/usage"))
                .anySatisfy(call -> assertThat(call.query()).containsEntry("partner", "PANEL-B").containsEntry("practiceType", "GENERAL_PRACTITIONER"))
                .anySatisfy(call -> assertThat(call.query()).containsEntry("partner", "PANEL-B").doesNotContainKey("practiceType"));
        assertThat(browser.getCurrentUrl()).contains("partner=PANEL-B").doesNotContain("practiceType");
    }

    @Test
    void suppressedResultsAreShownAsHiddenNeverAsZero() throws IOException {
        api.panel().add(4, "2023-06", "panel-a", "SPECIALIST", "HOSPITAL", "DAILY", Set.of(), Set.of(), Set.of(),
                Map.of("chatgpt", "DAILY"), 800);
        open();

        DashboardPage.ChartData trend = page.chart("trend");
        assertThat(trend.labels()).containsExactly("2023-06", "2024-06", WAVE);
        assertThat(trend.data("Regular users")).containsExactly(null, 25.0, 40.0);
        assertThat(page.attribute("trend-card", "data-state")).isEqualTo("partial");
        assertThat(page.note("trend-card")).contains("Wave 2023-06: only 4 respondents").contains("hidden for privacy");
        assertThat(page.chart("toolTrend").data("ChatGPT users")).containsExactly(null, 45.0, 70.0);

        browser.findElement(By.cssSelector("#setting option[value=OTHER]")).click();
        awaitShort().untilAsserted(() -> assertThat(page.attribute("kpis", "data-state")).isEqualTo("suppressed"));
        page.awaitSettled();
        assertThat(page.text("respondents")).isEqualTo("3");
        assertThat(page.text("regular-share")).isEqualTo("Hidden");
        assertThat(page.text("kpis-suppressed")).contains("only 3 respondents").contains("hidden for privacy");
        for (String card : List.of("barriers-card", "tools-card", "trend-card", "frequency-card", "use-cases-card", "rolling-card")) {
            assertThat(page.attribute(card, "data-state")).as(card).isEqualTo("suppressed");
        }
        assertThat(page.note("barriers-card")).isEqualTo("Barriers: only 3 respondents, fewer than the privacy threshold — hidden for privacy.");
        assertThat(page.note("frequency-card")).contains("General practitioners: no respondents match this selection.");
        assertThat(page.chart("barriers").labels()).isEmpty();
        assertThat(page.chart("tools").labels()).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("0.0%");
        chromium.screenshotFullPage(TARGET.resolve("dashboard-suppressed.png"));

        browser.findElement(By.cssSelector("#setting option[value=HOSPITAL]")).click();
        awaitShort().untilAsserted(() -> assertThat(page.attribute("frequency-card", "data-state")).isEqualTo("partial"));
        page.awaitSettled();
        DashboardPage.ChartData frequency = page.chart("frequency");
        assertThat(frequency.data("General practitioners (hidden)")).containsOnlyNulls().hasSize(7);
        assertThat(frequency.data("Specialists (n = 17)")).doesNotContainNull();
        assertThat(page.note("frequency-card"))
                .isEqualTo("General practitioners: only 2 respondents, fewer than the privacy threshold — hidden for privacy.");
    }

    @Test
    void marketDriversAreSharesOfThoseAskedHiddenWhenTooFewAndSaidNotAskedInAWaveBeforeTheQuestion() throws IOException {
        open();

        page.choose("practice-type", "SPECIALIST");
        awaitShort().untilAsserted(() -> assertThat(page.text("drivers-asked")).isEqualTo("Asked of 17 respondents"));
        page.awaitSettled();
        DashboardPage.ChartData drivers = page.chart("drivers");
        assertThat(drivers.labels().subList(0, 4)).containsExactly("Large volume of knowledge",
                "Personalised and predictive medicine", "Lack of available medical time", "No right to error");
        assertThat(drivers.data(0)).containsExactly(82.35, 82.35, 47.06, 17.65, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(api.calls("/api/v1/waves/" + WAVE + "/drivers")).last()
                .satisfies(call -> assertThat(call.param("practiceType")).isEqualTo("SPECIALIST"));

        // 2 general practitioners in hospitals, both asked: too few to show.
        page.choose("practice-type", "GENERAL_PRACTITIONER");
        page.choose("setting", "HOSPITAL");
        awaitShort().untilAsserted(() -> assertThat(page.attribute("drivers-card", "data-state")).isEqualTo("suppressed"));
        page.awaitSettled();
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 2 respondents");
        assertThat(page.note("drivers-card"))
                .isEqualTo("Those asked about market drivers: only 2 respondents, fewer than the privacy threshold"
                        + " — hidden for privacy.");
        assertThat(page.chart("drivers").labels()).isEmpty();

        // A wave from before the question: said to be not asked, neither hidden nor zero.
        page.choose("practice-type", "");
        page.choose("setting", "");
        page.choose("wave", "2024-06");
        awaitShort().untilAsserted(() -> assertThat(page.attribute("drivers-card", "data-state")).isEqualTo("not-asked"));
        page.awaitSettled();
        assertThat(page.note("drivers-card"))
                .isEqualTo("Market drivers: not asked in this wave — none of these 20 respondents was asked.");
        assertThat(page.displayed("drivers-asked")).isFalse();
        assertThat(page.chart("drivers").labels()).isEmpty();
        assertThat(page.attribute("barriers-card", "data-state")).isEqualTo("ok");
        chromium.screenshotFullPage(TARGET.resolve("dashboard-drivers-not-asked.png"));

        // The public, under the cell key method: the figures as published (47 asked shown as 48, 26 as 27),
        // and a wave whose asked are published as 0 may have been asked of a few.
        publicView(SurveyPanel.Method.cellKey(5, 3.0, 3));
        page.open(api.publicPageUrl() + "?wave=" + WAVE);
        assertThat(page.text("drivers-asked")).isEqualTo("Asked of 48 of the 51 respondents");
        assertThat(page.chart("drivers").labels()).containsExactly(DRIVERS_OF_THE_KNOWN_PANEL);
        assertThat(page.chart("drivers").data(0).subList(0, 2)).containsExactly(56.25, 52.08);
        page.choose("wave", "2024-06");
        awaitShort().untilAsserted(() -> assertThat(page.note("drivers-card"))
                .isEqualTo("Market drivers: not asked in this wave, or asked of too few to show — hidden for privacy."));
        assertThat(page.attribute("drivers-card", "data-state")).isEqualTo("suppressed");
        page.awaitSettled();
    }

    @Test
    void aPushedEventRefreshesTheShownWaveWithinASecond() {
        open();
        Map<String, Object> before = page.status();

        api.panel().add(5, WAVE, "panel-b", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "DAILY", Set.of(), Set.of(), Set.of(),
                Map.of("chatgpt", "DAILY"), 1);
        api.pushTotals(WAVE);

        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("55"));
        page.awaitSettled();
        Map<String, Object> after = page.status();
        assertThat(page.text("regular-share")).isEqualTo("45.5%");
        assertThat(page.chart("trend").data("Regular users")).containsExactly(25.0, 45.45);
        Instant eventAt = Instant.parse((String) after.get("lastEventAt"));
        Instant updatedAt = Instant.parse((String) after.get("lastUpdate"));
        assertThat(updatedAt).isAfter(Instant.parse((String) before.get("lastUpdate")));
        assertThat(Duration.between(eventAt, updatedAt)).as("event to refreshed page").isLessThan(Duration.ofSeconds(1));
        assertThat(page.attribute("last-update", "datetime")).isEqualTo(after.get("lastUpdate"));
        assertThat(browser.findElement(By.cssSelector("#wave option[value='" + WAVE + "']")).getText())
                .isEqualTo(WAVE + " · 55 respondents");

        api.panel().add(6, "2026-06", "panel-a", "SPECIALIST", "HOSPITAL", "DAILY", Set.of(), Set.of(), Set.of(), Map.of(), 0);
        api.pushTotals("2026-06");
        awaitShort().untilAsserted(() -> assertThat(page.chart("trend").labels()).containsExactly("2024-06", WAVE, "2026-06"));
        assertThat(browser.findElements(By.cssSelector("#wave option"))).extracting(WebElement::getText)
                .containsExactly("2024-06 · 20 respondents", WAVE + " · 55 respondents", "2026-06 · 6 respondents");
        assertThat(browser.findElement(By.id("wave")).getDomProperty("value")).as("the reader's wave stays").isEqualTo(WAVE);
    }

    @Test
    void reconnectsWhenTheStreamDrops() {
        open();
        assertThat(api.streamConnections()).isEqualTo(1);

        api.dropStreams();

        awaitLong().untilAsserted(() -> {
            assertThat(api.streamConnections()).isEqualTo(2);
            assertThat(page.attribute("live-status", "data-state")).isEqualTo("open");
        });
        assertThat(((Number) page.status().get("liveDrops")).intValue()).isEqualTo(1);
        page.awaitSettled();
        api.panel().add(5, WAVE, "panel-a", "SPECIALIST", "MIXED", "NEVER", Set.of(), Set.of(), Set.of(), Map.of(), 1);
        api.pushTotals(WAVE);
        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("55"));
    }

    @Test
    void warmingUpIsShownAndRetriedAfterRetryAfter() {
        api.warmingUp(true);
        provokedStatuses.add(503);

        browser.get(api.pageUrl());

        awaitShort().untilAsserted(() -> assertThat(page.text("warming")).startsWith("Warming up"));
        awaitLong().until(() -> api.calls("/api/v1/waves").size() >= 2);
        List<FakeSurveyApi.Call> waves = api.calls("/api/v1/waves");
        assertThat(Duration.between(waves.get(0).at(), waves.get(1).at())).as("waits Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));

        api.warmingUp(false);

        awaitLong().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("50"));
        page.awaitSettled();
        assertThat(browser.findElement(By.cssSelector("[data-testid=warming]")).isDisplayed()).isFalse();
    }

    @Test
    void failuresAreShownWhereTheyHappen() {
        api.failing("/api/v1/waves/" + WAVE + "/barriers", 500);
        provokedStatuses.add(500);
        open();

        assertThat(page.attribute("barriers-card", "data-state")).isEqualTo("error");
        assertThat(page.note("barriers-card")).contains("Injected failure").contains("HTTP 500");
        assertThat(page.text("respondents")).isEqualTo("50");

        provokedStatuses.add(401);
        browser.get(api.baseUrl() + "/"); // no token, and this API requires one
        awaitShort().untilAsserted(() -> assertThat(page.text("error")).contains("The API needs a token"));
        browser.get(api.baseUrl() + "/?token=wrong");
        awaitShort().untilAsserted(() -> assertThat(page.text("error")).contains("The API refused the token"));
    }

    @Test
    void withoutATokenThePublicSeesPerturbedFiguresTheMethodAndWhatItMeans() throws IOException {
        // Three respondents type in a tool of their own: too few (under k) to be named, it is "Other tools".
        api.panel().add(3, WAVE, "panel-a", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "MONTHLY", Set.of(), Set.of(), Set.of(),
                Map.of("scribe-bot", "MONTHLY"), 5);
        publicView(SurveyPanel.Method.cellKey(5, 3.0, 3));

        page.open(api.publicPageUrl() + "?days=14"); // a window the cell key method refuses, from a shared address

        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.PERTURBED_FIGURES);
        assertThat(page.attribute("disclosure-method", "data-method")).isEqualTo("cell-key");
        assertThat(page.displayed("disclosure-note")).isTrue();
        assertThat(page.text("disclosure-note")).isEqualTo(DashboardPage.PERTURBATION_NOTE);
        assertThat(api.calls()).as("the public's view needs no token").isNotEmpty()
                .allSatisfy(call -> assertThat(call.authorization()).isNull());
        // Figures as the API published them (53 respondents shown as 54, 20 regular users as 21), never redone.
        assertThat(page.text("respondents")).isEqualTo("54");
        assertThat(page.text("regular-share")).isEqualTo("38.9%");
        assertThat(page.text("regular-ci")).endsWith("· 21 of 54");
        // Waves whose submission times are days, not instants.
        assertThat(browser.findElements(By.cssSelector("#wave option"))).extracting(WebElement::getText)
                .containsExactly("2024-06 · 21 respondents", WAVE + " · 54 respondents");

        DashboardPage.ChartData tools = page.chart("tools");
        assertThat(tools.labels()).containsExactly("ChatGPT", "Nabla", "Posos", "Other tools");
        assertThat(tools.data("Users")).containsExactly(66.67, 20.37, 16.67, 7.41);
        assertThat(page.note("tools-card")).isEqualTo("Other tools: tools typed in by too few respondents to be named, counted together.");
        assertThat(browser.findElements(By.cssSelector("#tool option"))).extracting(e -> e.getDomAttribute("value"))
                .containsExactly("chatgpt", "nabla", "posos");
        clickToolBar(3); // Other tools: no trend of its own
        clickToolBar(1); // Nabla
        awaitShort().untilAsserted(() -> assertThat(page.chart("toolTrend").data("Nabla users")).containsExactly(0.0, 20.37));
        assertThat(api.calls("/api/v1/tools/_other/trend")).isEmpty();

        assertThat(page.attribute("rolling-card", "data-state")).isEqualTo("ok");
        assertThat(page.text("rolling-respondents")).isEqualTo("30");
        browser.findElement(By.cssSelector("label[for=days-90]")).click();
        awaitShort().untilAsserted(() -> assertThat(page.text("rolling-respondents")).isEqualTo("54"));
        assertThat(page.attribute("rolling-card", "data-state")).isEqualTo("ok");
        assertThat(api.calls("/api/v1/usage/rolling")).extracting(call -> call.param("days")).containsOnly("30", "90");
        chromium.screenshotFullPage(TARGET.resolve("dashboard-public-cell-key.png"));
        chromium.emulatePhone(390, 844);
        awaitShort().until(() -> ((Number) browser.executeScript("return window.medpulse.charts.barriers.width")).intValue() < 390);
        assertThat((Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth")).as("the note fits a phone").isTrue();
        chromium.screenshotFullPage(TARGET.resolve("dashboard-public-cell-key-phone.png"));
        chromium.stopEmulation();

        // The live stream, opened without a token too, carries the public's totals.
        api.panel().add(1, WAVE, "panel-b", "SPECIALIST", "HOSPITAL", "DAILY", Set.of(), Set.of(), Set.of(), Map.of(), 1);
        api.pushTotals(WAVE);
        awaitShort().untilAsserted(() -> assertThat(page.text("respondents")).isEqualTo("55"));
        page.awaitSettled();

        // 2 general practitioners in hospitals: published as 0, which may be none or a few.
        page.choose("practice-type", "GENERAL_PRACTITIONER");
        page.choose("setting", "HOSPITAL");
        awaitShort().untilAsserted(() -> assertThat(page.attribute("kpis", "data-state")).isEqualTo("suppressed"));
        page.awaitSettled();
        assertThat(page.text("respondents")).isEqualTo("0");
        assertThat(page.text("kpis-suppressed")).isEqualTo("This selection: no respondents, or too few to show — hidden for privacy.");
        assertThat(page.note("barriers-card")).isEqualTo("Barriers: no respondents, or too few to show — hidden for privacy.");
        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.PERTURBED_FIGURES);

        // The same API gives an analyst exact figures, and the page says so.
        page.open(api.pageUrl());
        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.EXACT_FIGURES);
        assertThat(page.displayed("disclosure-note")).isFalse();
        assertThat(page.text("respondents")).as("exactly 50 + 3 + 1").isEqualTo("54");
        assertThat(page.text("regular-ci")).endsWith("· 21 of 54");
    }

    @Test
    void withoutATokenThePublicSeesExactFiguresUnderSuppression() {
        publicView(SurveyPanel.Method.suppress(5));

        page.open(api.publicPageUrl());

        assertThat(page.text("disclosure-method")).isEqualTo(DashboardPage.EXACT_FIGURES);
        assertThat(page.attribute("disclosure-method", "data-method")).isEqualTo("suppress");
        assertThat(page.displayed("disclosure-note")).isFalse();
        assertThat(page.text("respondents")).isEqualTo("50");
        assertThat(page.text("regular-share")).isEqualTo("40.0%");
        assertThat(browser.findElements(By.cssSelector("#wave option"))).extracting(WebElement::getText)
                .containsExactly("2024-06 · 20 respondents", WAVE + " · 50 respondents");
        assertThat(api.calls()).isNotEmpty().allSatisfy(call -> assertThat(call.authorization()).isNull());
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
    }

    // ---------------------------------------------------------------- helpers

    /** Opens the page and waits until it shows the data and has taken in the stream's first events. */
    private void open() {
        page.open(api.pageUrl());
    }

    /** Replaces this test's API by one that answers requests without a token for the public, by {@code method}. */
    private void publicView(SurveyPanel.Method method) {
        SurveyPanel panel = api.panel();
        api.close();
        api = FakeSurveyApi.withPublicView(panel, method);
    }

    private void clickToolBar(int index) {
        @SuppressWarnings("unchecked")
        List<Number> point = (List<Number>) browser.executeScript("""
                const chart = window.medpulse.charts.tools;
                const bar = chart.getDatasetMeta(0).data[arguments[0]];
                const center = bar.getCenterPoint();
                return [center.x - chart.width / 2, center.y - chart.height / 2];""", index);
        WebElement canvas = browser.findElement(By.id("chart-tools"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        new Actions(browser).moveToElement(canvas, point.get(0).intValue(), point.get(1).intValue()).click().perform();
    }

    private boolean provoked(String message) {
        return provokedStatuses.stream().anyMatch(status -> Pattern.compile("\\b" + status + "\\b").matcher(message).find());
    }

    private static ConditionFactory awaitShort() {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    private static ConditionFactory awaitLong() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }
}

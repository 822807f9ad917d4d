package org.medpulse.streams.dashboard;

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
import java.util.stream.Collectors;

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
class DashboardTest {

    private static final Path TARGET = Path.of("target");
    private static final String WAVE = "2025-06";
    private static final List<String> FREQUENCIES = List.of("Never", "Less than monthly", "Monthly", "Weekly",
            "Several times a week", "Daily", "Several times a day");

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    private FakeSurveyApi api;
    /** HTTP statuses a test provokes on purpose: Chromium logs each such answer as a console error. */
    private final Set<Integer> provokedStatuses = new HashSet<>();

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.startOrSkip(TARGET.resolve("chromium"));
        browser = chromium.driver();
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

        assertThat(text("respondents")).isEqualTo("50");
        assertThat(text("regular-share")).isEqualTo("40.0%");
        assertThat(text("regular-ci")).isEqualTo("95% CI 27.6–53.8% · 20 of 50");
        assertThat(text("users-share")).isEqualTo("70.0%");
        assertThat(text("never-share")).isEqualTo("30.0%");
        assertThat(browser.findElement(By.id("wave")).getDomProperty("value")).isEqualTo(WAVE);

        ChartData frequency = chart("frequency");
        assertThat(frequency.labels()).isEqualTo(FREQUENCIES);
        assertThat(frequency.data("General practitioners (n = 30)")).containsExactly(40.0, 0.0, 20.0, 0.0, 0.0, 40.0, 0.0);
        assertThat(frequency.data("Specialists (n = 17)")).containsExactly(17.65, 0.0, 0.0, 35.29, 0.0, 0.0, 47.06);

        ChartData trend = chart("trend");
        assertThat(trend.labels()).containsExactly("2024-06", WAVE);
        assertThat(trend.data("Regular users")).containsExactly(25.0, 40.0);
        assertThat(trend.data("95% interval")).containsExactly(List.of(11.19, 46.87), List.of(27.61, 53.82));

        ChartData barriers = chart("barriers");
        assertThat(barriers.labels()).containsExactly("Ethics and liability", "Reliability of results", "Dehumanisation of care",
                "Data privacy", "Cost", "Lack of training", "No clear benefit", "Other", "Regulatory uncertainty",
                "Workflow integration");
        assertThat(barriers.data(0)).containsExactly(58.0, 48.0, 36.0, 12.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(api.calls("/api/v1/waves/" + WAVE + "/barriers")).as("503 answered once, then retried").hasSizeGreaterThanOrEqualTo(2);
        assertThat(((Number) status().get("warmingNotices")).intValue()).isPositive();
        assertThat(browser.findElement(By.cssSelector("[data-testid=warming]")).isDisplayed()).isFalse();

        ChartData tools = chart("tools");
        assertThat(tools.labels()).containsExactly("ChatGPT", "Nabla", "Posos");
        assertThat(tools.data("Users")).containsExactly(70.0, 20.0, 16.0);
        assertThat(tools.data("Regular users")).containsExactly(40.0, 0.0, 16.0);
        assertThat(api.calls("/api/v1/waves/" + WAVE + "/tools")).allSatisfy(call -> assertThat(call.param("top")).isEqualTo("10"));

        ChartData chatgpt = chart("toolTrend");
        assertThat(chatgpt.labels()).containsExactly("2024-06", WAVE);
        assertThat(chatgpt.data("ChatGPT users")).containsExactly(45.0, 70.0);
        assertThat(chatgpt.data("ChatGPT regular users")).containsExactly(25.0, 40.0);

        assertThat(text("rolling-respondents")).isEqualTo("26");
        assertThat(text("rolling-regular-share")).startsWith("76.9%");
        assertThat(chart("rolling").data(0)).containsExactly(0.0, 0.0, 0.0, 23.08, 0.0, 46.15, 30.77);
        assertThat(api.calls("/api/v1/usage/rolling")).allSatisfy(call -> assertThat(call.param("days")).isEqualTo("30"));

        ChartData useCases = chart("useCases");
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
        awaitShort().untilAsserted(() -> assertThat(text("rolling-respondents")).isEqualTo("50"));
        assertThat(api.calls("/api/v1/usage/rolling")).last().satisfies(call -> assertThat(call.param("days")).isEqualTo("90"));
        assertThat(text("rolling-regular-share")).startsWith("40.0%");

        browser.findElement(By.cssSelector("#tool option[value=posos]")).click();
        awaitShort().untilAsserted(() -> assertThat(chart("toolTrend").data("Posos users")).containsExactly(0.0, 16.0));
        assertThat(chart("toolTrend").data("Posos regular users")).containsExactly(0.0, 16.0);

        clickToolBar(1); // Nabla
        awaitShort().untilAsserted(() -> assertThat(chart("toolTrend").data("Nabla users")).containsExactly(0.0, 20.0));
        assertThat(browser.findElement(By.id("tool")).getDomProperty("value")).isEqualTo("nabla");
        assertThat(browser.getCurrentUrl()).contains("tool=nabla").contains("days=90").contains("token=");
    }

    @Test
    void filtersChangeEveryCallAndTheNumbers() {
        open();

        browser.findElement(By.cssSelector("#practice-type option[value=SPECIALIST]")).click();
        awaitShort().untilAsserted(() -> assertThat(text("respondents")).isEqualTo("17"));
        awaitSettled();
        assertThat(text("regular-share")).isEqualTo("47.1%");
        assertThat(chart("trend").data("Regular users")).containsExactly(62.5, 47.06);
        ChartData barriers = chart("barriers");
        assertThat(barriers.labels().subList(0, 4))
                .containsExactly("Ethics and liability", "Reliability of results", "Data privacy", "Dehumanisation of care");
        assertThat(barriers.data(0).subList(0, 4)).containsExactly(64.71, 47.06, 35.29, 35.29);
        for (String path : List.of("/api/v1/waves/" + WAVE + "/barriers", "/api/v1/waves/" + WAVE + "/tools",
                "/api/v1/waves/2024-06/usage", "/api/v1/usage/rolling", "/api/v1/tools/chatgpt/trend")) {
            assertThat(api.calls(path)).as(path).anySatisfy(call -> assertThat(call.param("practiceType")).isEqualTo("SPECIALIST"));
        }
        // GPs beside specialists stays a comparison: both practice types, whatever the filter.
        assertThat(chart("frequency").data("General practitioners (n = 30)")).containsExactly(40.0, 0.0, 20.0, 0.0, 0.0, 40.0, 0.0);

        WebElement partner = browser.findElement(By.id("partner"));
        partner.sendKeys("PANEL-B", Keys.ENTER);
        browser.findElement(By.cssSelector("#practice-type option[value='']")).click();
        awaitShort().untilAsserted(() -> assertThat(text("respondents")).isEqualTo("26"));
        awaitSettled();
        assertThat(text("regular-share")).isEqualTo("76.9%");
        assertThat(chart("frequency").data("General practitioners (n = 12)")).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 100.0, 0.0);
        assertThat(chart("frequency").data("Specialists (n = 14)")).containsExactly(0.0, 0.0, 0.0, 42.86, 0.0, 0.0, 57.14);
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

        ChartData trend = chart("trend");
        assertThat(trend.labels()).containsExactly("2023-06", "2024-06", WAVE);
        assertThat(trend.data("Regular users")).containsExactly(null, 25.0, 40.0);
        assertThat(attribute("trend-card", "data-state")).isEqualTo("partial");
        assertThat(note("trend-card")).contains("Wave 2023-06: only 4 respondents").contains("hidden for privacy");
        assertThat(chart("toolTrend").data("ChatGPT users")).containsExactly(null, 45.0, 70.0);

        browser.findElement(By.cssSelector("#setting option[value=OTHER]")).click();
        awaitShort().untilAsserted(() -> assertThat(attribute("kpis", "data-state")).isEqualTo("suppressed"));
        awaitSettled();
        assertThat(text("respondents")).isEqualTo("3");
        assertThat(text("regular-share")).isEqualTo("Hidden");
        assertThat(text("kpis-suppressed")).contains("only 3 respondents").contains("hidden for privacy");
        for (String card : List.of("barriers-card", "tools-card", "trend-card", "frequency-card", "use-cases-card", "rolling-card")) {
            assertThat(attribute(card, "data-state")).as(card).isEqualTo("suppressed");
        }
        assertThat(note("barriers-card")).isEqualTo("Barriers: only 3 respondents, fewer than the privacy threshold — hidden for privacy.");
        assertThat(note("frequency-card")).contains("General practitioners: no respondents match this selection.");
        assertThat(chart("barriers").labels()).isEmpty();
        assertThat(chart("tools").labels()).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("0.0%");
        chromium.screenshotFullPage(TARGET.resolve("dashboard-suppressed.png"));

        browser.findElement(By.cssSelector("#setting option[value=HOSPITAL]")).click();
        awaitShort().untilAsserted(() -> assertThat(attribute("frequency-card", "data-state")).isEqualTo("partial"));
        awaitSettled();
        ChartData frequency = chart("frequency");
        assertThat(frequency.data("General practitioners (hidden)")).containsOnlyNulls().hasSize(7);
        assertThat(frequency.data("Specialists (n = 17)")).doesNotContainNull();
        assertThat(note("frequency-card"))
                .isEqualTo("General practitioners: only 2 respondents, fewer than the privacy threshold — hidden for privacy.");
    }

    @Test
    void aPushedEventRefreshesTheShownWaveWithinASecond() {
        open();
        Map<String, Object> before = status();

        api.panel().add(5, WAVE, "panel-b", "GENERAL_PRACTITIONER", "PRIVATE_PRACTICE", "DAILY", Set.of(), Set.of(), Set.of(),
                Map.of("chatgpt", "DAILY"), 1);
        api.pushTotals(WAVE);

        awaitShort().untilAsserted(() -> assertThat(text("respondents")).isEqualTo("55"));
        awaitSettled();
        Map<String, Object> after = status();
        assertThat(text("regular-share")).isEqualTo("45.5%");
        assertThat(chart("trend").data("Regular users")).containsExactly(25.0, 45.45);
        Instant eventAt = Instant.parse((String) after.get("lastEventAt"));
        Instant updatedAt = Instant.parse((String) after.get("lastUpdate"));
        assertThat(updatedAt).isAfter(Instant.parse((String) before.get("lastUpdate")));
        assertThat(Duration.between(eventAt, updatedAt)).as("event to refreshed page").isLessThan(Duration.ofSeconds(1));
        assertThat(attribute("last-update", "datetime")).isEqualTo(after.get("lastUpdate"));
        assertThat(browser.findElement(By.cssSelector("#wave option[value='" + WAVE + "']")).getText())
                .isEqualTo(WAVE + " · 55 respondents");

        api.panel().add(6, "2026-06", "panel-a", "SPECIALIST", "HOSPITAL", "DAILY", Set.of(), Set.of(), Set.of(), Map.of(), 0);
        api.pushTotals("2026-06");
        awaitShort().untilAsserted(() -> assertThat(chart("trend").labels()).containsExactly("2024-06", WAVE, "2026-06"));
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
            assertThat(attribute("live-status", "data-state")).isEqualTo("open");
        });
        assertThat(((Number) status().get("liveDrops")).intValue()).isEqualTo(1);
        awaitSettled();
        api.panel().add(5, WAVE, "panel-a", "SPECIALIST", "MIXED", "NEVER", Set.of(), Set.of(), Set.of(), Map.of(), 1);
        api.pushTotals(WAVE);
        awaitShort().untilAsserted(() -> assertThat(text("respondents")).isEqualTo("55"));
    }

    @Test
    void warmingUpIsShownAndRetriedAfterRetryAfter() {
        api.warmingUp(true);
        provokedStatuses.add(503);

        browser.get(api.pageUrl());

        awaitShort().untilAsserted(() -> assertThat(text("warming")).startsWith("Warming up"));
        awaitLong().until(() -> api.calls("/api/v1/waves").size() >= 2);
        List<FakeSurveyApi.Call> waves = api.calls("/api/v1/waves");
        assertThat(Duration.between(waves.get(0).at(), waves.get(1).at())).as("waits Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));

        api.warmingUp(false);

        awaitLong().untilAsserted(() -> assertThat(text("respondents")).isEqualTo("50"));
        awaitSettled();
        assertThat(browser.findElement(By.cssSelector("[data-testid=warming]")).isDisplayed()).isFalse();
    }

    @Test
    void failuresAreShownWhereTheyHappen() {
        api.failing("/api/v1/waves/" + WAVE + "/barriers", 500);
        provokedStatuses.add(500);
        open();

        assertThat(attribute("barriers-card", "data-state")).isEqualTo("error");
        assertThat(note("barriers-card")).contains("Injected failure").contains("HTTP 500");
        assertThat(text("respondents")).isEqualTo("50");

        provokedStatuses.add(401);
        browser.get(api.baseUrl() + "/"); // no token
        awaitShort().untilAsserted(() -> assertThat(text("error")).contains("The API needs a token"));
    }

    // ---------------------------------------------------------------- helpers

    /** Opens the page and waits until it shows the data and has taken in the stream's first events. */
    private void open() {
        browser.get(api.pageUrl());
        awaitSettled();
    }

    /** Waits until the live stream is open, its events are in, and no refresh is running or due. */
    private void awaitSettled() {
        awaitLong().untilAsserted(() -> {
            Map<String, Object> status = status();
            assertThat(status.get("live")).isEqualTo("open");
            assertThat(((Number) status.get("refreshes")).intValue()).isPositive();
            assertThat(((Number) status.get("liveEvents")).intValue()).isPositive();
            assertThat(status.get("refreshing")).isEqualTo(false);
            assertThat(status.get("refreshPending")).isEqualTo(false);
        });
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

    private String text(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }

    private String attribute(String testId, String name) {
        By selector = By.cssSelector("[data-testid='" + testId + "'], #" + testId);
        return browser.findElement(selector).getDomAttribute(name);
    }

    private String note(String cardTestId) {
        return browser.findElement(By.cssSelector("[data-testid='" + cardTestId + "'] [data-role=note]")).getText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> status() {
        return (Map<String, Object>) browser.executeScript("return window.medpulse.status()");
    }

    @SuppressWarnings("unchecked")
    private ChartData chart(String name) {
        Map<String, Object> raw = (Map<String, Object>) browser.executeScript("return window.medpulse.chartData(arguments[0])", name);
        List<Series> datasets = ((List<Map<String, Object>>) raw.get("datasets")).stream()
                .map(d -> new Series((String) d.get("label"), (List<Object>) numbers(d.get("data"))))
                .toList();
        return new ChartData((List<String>) raw.get("labels"), datasets);
    }

    /** Selenium returns whole numbers as Long and others as Double: compare them all as doubles. */
    private static Object numbers(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DashboardTest::numbers).collect(Collectors.toList());
        }
        return value;
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

    private record Series(String label, List<Object> data) {
    }

    private record ChartData(List<String> labels, List<Series> datasets) {

        List<Object> data(String label) {
            return datasets.stream().filter(d -> d.label().equals(label)).findFirst()
                    .orElseThrow(() -> new AssertionError("no dataset '" + label + "' in " + datasets))
                    .data();
        }

        List<Object> data(int index) {
            return datasets.get(index).data();
        }
    }
}

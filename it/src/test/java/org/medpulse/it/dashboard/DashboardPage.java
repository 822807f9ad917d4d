package org.medpulse.it.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard as a browser test reads it: figures and notes by their {@code data-testid}, the
 * charts' data and the refresh status through the page's {@code window.medpulse} hooks. Shared by
 * the test against a stand-in API and the one against the running application (devstack).
 */
public final class DashboardPage {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    private final ChromeDriver browser;

    public DashboardPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Opens {@code url} and waits until the page shows its data and has taken in the stream's first events. */
    public void open(String url) {
        browser.get(url);
        awaitSettled();
    }

    /** Waits until the live stream is open, its events are in, and no refresh is running or due. */
    public void awaitSettled() {
        await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            Map<String, Object> status = status();
            assertThat(status.get("live")).isEqualTo("open");
            assertThat(((Number) status.get("refreshes")).intValue()).isPositive();
            assertThat(((Number) status.get("liveEvents")).intValue()).isPositive();
            assertThat(status.get("refreshing")).isEqualTo(false);
            assertThat(status.get("refreshPending")).isEqualTo(false);
        });
    }

    /** Picks {@code value} in the select element {@code selectId}, as a reader would. */
    public void choose(String selectId, String value) {
        browser.findElement(By.cssSelector("#" + selectId + " option[value='" + value + "']")).click();
    }

    /** The visible text of the element with {@code data-testid=testId}. */
    public String text(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }

    /** An attribute of the element with {@code data-testid} or id {@code testId}. */
    public String attribute(String testId, String name) {
        By selector = By.cssSelector("[data-testid='" + testId + "'], #" + testId);
        return browser.findElement(selector).getDomAttribute(name);
    }

    /** The note a card shows (suppression, failure), empty when none. */
    public String note(String cardTestId) {
        return browser.findElement(By.cssSelector("[data-testid='" + cardTestId + "'] [data-role=note]")).getText();
    }

    /** {@code window.medpulse.status()}: live state, refresh counters, last update and last event times. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> status() {
        return (Map<String, Object>) browser.executeScript("return window.medpulse.status()");
    }

    /** What the chart {@code name} (a key of {@code window.medpulse.charts}) draws. */
    @SuppressWarnings("unchecked")
    public ChartData chart(String name) {
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
            return list.stream().map(DashboardPage::numbers).collect(Collectors.toList());
        }
        return value;
    }

    /** One dataset of a chart: its legend label and its values (null where hidden). */
    public record Series(String label, List<Object> data) {
    }

    /** A chart's category labels and datasets. */
    public record ChartData(List<String> labels, List<Series> datasets) {

        public List<Object> data(String label) {
            return datasets.stream().filter(d -> d.label().equals(label)).findFirst()
                    .orElseThrow(() -> new AssertionError("no dataset '" + label + "' in " + datasets))
                    .data();
        }

        public List<Object> data(int index) {
            return datasets.get(index).data();
        }
    }
}

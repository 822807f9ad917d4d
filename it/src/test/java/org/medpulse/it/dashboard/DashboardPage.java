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

    /** The method badge for exact figures, groups under k = 5 hidden (analysts', and the public's by default). */
    public static final String EXACT_FIGURES = "Exact figures, groups under 5 hidden";
    /** The method badge for the cell key method with the API's default parameters. */
    public static final String PERTURBED_FIGURES = "Perturbed figures (cell key method, D=5, V=3, js=3)";
    /** What the page tells a reader about figures perturbed with D = 5 and js = 3. */
    public static final String PERTURBATION_NOTE = "To protect respondents, each count here has had a small random amount,"
            + " at most 5, added or removed. The same figures always get the same amount, so asking again does not average"
            + " it away. Counts below 3 are never shown: a very small group shows as 0 or as at least 3. Shares and"
            + " intervals are computed from these perturbed counts, so small differences between figures are not meaningful.";

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

    /** Whether the element with {@code data-testid=testId} is shown (not hidden, nor inside a hidden element). */
    public boolean displayed(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']")).isDisplayed();
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

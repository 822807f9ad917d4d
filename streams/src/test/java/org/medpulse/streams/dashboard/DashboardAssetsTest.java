package org.medpulse.streams.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The page names Chart.js by its WebJar path, version included: it must be the version on the classpath. */
class DashboardAssetsTest {

    @Test
    void thePageLoadsTheChartJsVersionThatIsOnTheClasspath() throws IOException {
        Properties webjar = new Properties();
        try (InputStream in = resource("/META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            webjar.load(in);
        }
        String script = "webjars/chart.js/" + webjar.getProperty("version") + "/dist/chart.umd.js";

        try (InputStream page = resource("/dashboard/index.html")) {
            assertThat(new String(page.readAllBytes(), StandardCharsets.UTF_8)).contains("src=\"" + script + "\"");
        }
        try (InputStream chartJs = resource("/META-INF/resources/" + script)) {
            assertThat(chartJs).isNotNull();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DashboardAssetsTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}

package org.medpulse.streams.api.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpulse.streams.query.SurveyFixtures;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

class ServiceMetricsTest {

    ApiTestServer server;

    @BeforeEach
    void start() {
        server = ApiTestServer.start(ApiTestServer.stores().replaceAll(SurveyFixtures.panel()),
                ApiTestServer.config(SurveyApiConfig.API_TOKEN, "t"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String scrape() {
        ApiTestServer.Response response = server.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.body();
    }

    @Test
    void timesRequestsByRouteTemplateMethodAndStatus() {
        server.get("/api/v1/waves/2025-06/usage", "Authorization", "Bearer t");
        server.get("/api/v1/waves/2026-06/usage", "Authorization", "Bearer t");
        server.get("/api/v1/waves/2025-06/tools?top=0", "Authorization", "Bearer t");
        server.get("/api/v1/waves", "Authorization", "Bearer wrong");
        server.get("/nowhere");
        // Under the protected prefix but no route: not found, not asked for a token, not a route of its own.
        assertThat(server.get("/api/v1/nowhere").status()).isEqualTo(404);

        String metrics = scrape();

        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/waves/{wave}/usage\",status=\"200\"} 2");
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/waves/{wave}/tools\",status=\"400\"} 1");
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/waves\",status=\"401\"} 1");
        assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 2");
        assertThat(metrics).doesNotContain("route=\"*\"").doesNotContain("No handler");
        assertThat(metrics).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/v1/waves/{wave}/usage\"");
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

    @Test
    void canShareTheApplicationsRegistryWithoutClosingIt() {
        PrometheusMeterRegistry application = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        application.counter("medpulse.app.own").increment();

        ServiceMetrics shared = ServiceMetrics.using(application);
        assertThat(shared.scrape()).contains("medpulse_app_own_total 1.0").contains("jvm_memory_used_bytes");
        shared.close();

        assertThat(application.isClosed()).isFalse();
        application.close();
    }
}

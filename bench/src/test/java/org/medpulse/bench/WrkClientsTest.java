package org.medpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class WrkClientsTest {

    @Test
    void readsTheScriptsResultLineAmongWrksOwnOutput() {
        WrkClients.Report report = WrkClients.parse(List.of(
                "wrk-mix: 2161 requests in the cycle (18 paths x 120 filter combinations, and /api/v1/waves)",
                "Running 30s test @ http://127.0.0.1:8080",
                "wrk-result: requests=300000 seconds=30.00 req_per_s=10000.0 p50_ms=0.512 p90_ms=1.250 p99_ms=4.800 "
                        + "max_ms=31.000 non200=2 socket_errors=1"));

        assertThat(report).isEqualTo(new WrkClients.Report(300_000, 30.0, 10_000.0, 0.512, 1.25, 4.8, 31.0, 2, 1));
        assertThat(report.figures().errors()).isEqualTo(3);
    }

    @Test
    void noResultLineIsAnErrorShowingWhatWrkPrinted() {
        assertThatThrownBy(() -> WrkClients.parse(List.of("unable to connect to 127.0.0.1:1 Connection refused")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no 'wrk-result:' line")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void theCommandLineNamesTheScriptInTheRepositoryAndThePanel() {
        LoadedPanel panel = new LoadedPanel(new TreeMap<>(Map.of("2025-04", 10L, "2025-05", 10L)),
                List.of("partner-1", "partner-2"), 25);

        String command = WrkClients.commandLine(8, Duration.ofSeconds(30), URI.create("http://127.0.0.1:7070"),
                WrkClients.scriptArguments(panel, "2025-05-25"));

        assertThat(command).isEqualTo("wrk -t2 -c8 -d30s -s bench/wrk/api-mix.lua http://127.0.0.1:7070 -- "
                + "waves=2025-04,2025-05 partners=partner-1,partner-2 until=2025-05-25 "
                + "tools=chatgpt,nabla,gemini,claude,posos");
    }

    @Test
    void theJarCarriesTheScriptOfTheRepository() throws IOException {
        try (InputStream packaged = WrkClients.class.getResourceAsStream(WrkClients.SCRIPT_RESOURCE)) {
            assertThat(packaged).isNotNull();
            assertThat(new String(packaged.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of("wrk/api-mix.lua")));
        }
    }
}

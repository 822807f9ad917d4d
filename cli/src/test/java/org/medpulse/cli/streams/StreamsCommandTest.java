package org.medpulse.cli.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;

import picocli.CommandLine;

class StreamsCommandTest {

    @Test
    void helpExplainsEveryOption() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new StreamsCommand()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--bootstrap", "--registry", "--application-id", "--state-dir", "--port",
                "--kafka-property", "--advertised-host", "/health/ready", "SIGTERM", "--api-token", "--min-cell-size",
                "/api/v1", "/openapi.json");
    }

    @Test
    void theApiTokenAndMinimumCellSizeBecomeApiSettings() {
        StreamsCommand command = new StreamsCommand();
        new CommandLine(command).parseArgs("--api-token", "s3cret", "--min-cell-size", "10");

        SurveyApiConfig config = new SurveyApiConfig(command.settings());

        assertThat(config.apiToken()).contains("s3cret");
        assertThat(config.smallCellPolicy().minCellSize()).isEqualTo(10);
        StreamsCommand defaults = new StreamsCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(new SurveyApiConfig(defaults.settings()).apiToken()).isEmpty();
        assertThat(new SurveyApiConfig(defaults.settings()).smallCellPolicy().minCellSize()).isEqualTo(5);
    }

    @Test
    void aMinimumCellSizeBelowOneIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new StreamsCommand()).setErr(new PrintWriter(err)).execute("--min-cell-size", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--min-cell-size");
    }

    @Test
    void optionsBecomeSettingsAndKafkaPropertiesWin() {
        StreamsCommand command = new StreamsCommand();
        new CommandLine(command).parseArgs("--bootstrap", "broker:9093", "--registry", "mock://cli",
                "--application-id", "replay-2023", "--state-dir", "/var/lib/medpulse", "--port", "0",
                "--kafka-property", "num.stream.threads=2", "--kafka-property", "application.id=override");

        MedPulseStreamsConfig config = new MedPulseStreamsConfig(command.settings());

        assertThat(config.applicationId()).isEqualTo("override");
        assertThat(config.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(config.httpPort()).isZero();
        assertThat(config.originals()).containsEntry("num.stream.threads", "2")
                .containsEntry("state.dir", "/var/lib/medpulse")
                .containsEntry("schema.registry.url", "mock://cli");
    }

    @Test
    void usageErrorsExitWithTwo() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new StreamsCommand()).setErr(new PrintWriter(err)).execute("--port", "seven");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }
}

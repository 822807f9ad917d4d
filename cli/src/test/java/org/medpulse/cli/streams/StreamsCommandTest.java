package org.medpulse.cli.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpulse.streams.api.survey.SurveyApiConfig;
import org.medpulse.streams.config.MedPulseStreamsConfig;
import org.medpulse.streams.query.Audience;
import org.medpulse.streams.query.DisclosureBlock;

import picocli.CommandLine;

class StreamsCommandTest {

    @Test
    void helpExplainsEveryOption() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new StreamsCommand()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--bootstrap", "--registry", "--application-id", "--state-dir", "--port",
                "--kafka-property", "--advertised-host", "/health/ready", "SIGTERM", "--api-tokens-file", "MEDPULSE_API_TOKENS",
                "--disclosure", "--http-host", "--require-token", "--min-cell-size",
                "/api/v1", "/openapi.json");
    }

    @Test
    void tokensComeFromAFileOrTheEnvironmentAndBecomeApiSettings(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens"), "# who may ask\nanalyst an-analyst-token\npublic a-public-token\n");
        StreamsCommand command = new StreamsCommand();
        command.environment = Map.of(StreamsCommand.ENV_TOKENS, "analyst:another-analyst-token");
        new CommandLine(command).parseArgs("--api-tokens-file", file.toString(), "--min-cell-size", "10",
                "--disclosure", "cell-key", "--D", "4", "--V", "2.5", "--js", "3");

        SurveyApiConfig config = new SurveyApiConfig(command.settings());

        assertThat(config.tokens().audienceOf("an-analyst-token")).contains(Audience.ANALYST);
        assertThat(config.tokens().audienceOf("a-public-token")).contains(Audience.PUBLIC);
        assertThat(config.tokens().audienceOf("another-analyst-token")).contains(Audience.ANALYST);
        assertThat(config.smallCellPolicy().minCellSize()).isEqualTo(10);
        assertThat(config.disclosures().of(Audience.PUBLIC).describe()).isEqualTo(DisclosureBlock.cellKey(4, 2.5, 3));
        assertThat(config.disclosures().of(Audience.ANALYST).describe()).isEqualTo(DisclosureBlock.suppression(10));
        StreamsCommand defaults = new StreamsCommand();
        defaults.environment = Map.of();
        new CommandLine(defaults).parseArgs();
        SurveyApiConfig plain = new SurveyApiConfig(defaults.settings());
        assertThat(plain.audiencesConfigured()).isFalse();
        assertThat(plain.smallCellPolicy().minCellSize()).isEqualTo(5);
        assertThat(new MedPulseStreamsConfig(defaults.settings()).httpHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aTokenOnTheCommandLineIsRefusedWithWhatReplacesIt() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new StreamsCommand()).setErr(new PrintWriter(err)).execute("--api-token", "s3cret");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--api-token is no longer accepted", "--api-tokens-file", "MEDPULSE_API_TOKENS")
                .doesNotContain("s3cret");
    }

    @Test
    void impossiblePerturbationParametersAndOpenBindsWithoutAudiencesAreUsageErrors() {
        StringWriter err = new StringWriter();
        StreamsCommand command = new StreamsCommand();
        command.environment = Map.of();
        int code = new CommandLine(command).setErr(new PrintWriter(err))
                .execute("--disclosure", "cell-key", "--D", "2", "--js", "5");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--js=5", "too large");

        StringWriter open = new StringWriter();
        StreamsCommand exposed = new StreamsCommand();
        exposed.environment = Map.of();
        assertThat(new CommandLine(exposed).setErr(new PrintWriter(open)).execute("--http-host", "0.0.0.0")).isEqualTo(2);
        assertThat(open.toString()).contains("--http-host", "--api-tokens-file", "MEDPULSE_API_TOKENS", "--disclosure");

        StringWriter stray = new StringWriter();
        assertThat(new CommandLine(new StreamsCommand()).setErr(new PrintWriter(stray)).execute("--D", "4")).isEqualTo(2);
        assertThat(stray.toString()).contains("--disclosure cell-key");
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

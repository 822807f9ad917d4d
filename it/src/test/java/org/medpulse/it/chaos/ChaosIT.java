package org.medpulse.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.medpulse.chaos.ChaosOptions;
import org.medpulse.chaos.ChaosRun;
import org.medpulse.cli.MedPulseCommand;

/**
 * The short profile of {@code medpulse chaos}, on the same engine: a few thousand responses, two
 * SIGKILLs of the streams process (one during the registry outage), one of the broker leading the
 * most partitions, a 30 s registry outage, malformed partner rows and corrupt records. Three
 * brokers, the streams application and the registry run for real, the brokers and the
 * application in JVMs of their own.
 */
class ChaosIT {

    private static final Pattern VERDICT = Pattern.compile(
            "chaos: (\\d+) faults injected, lost (\\d+), double-counted (\\d+), dead-lettered (\\d+) \\((.+)\\), API errors (\\d+)");
    private static final int STREAMS_KILLS = 2;
    private static final int BROKER_KILLS = 1;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void nothingLostNothingCountedTwiceEveryMalformedInputAccountedFor() throws Exception {
        String classpath = System.getProperty("java.class.path");
        ChaosOptions options = new ChaosOptions(2_000, STREAMS_KILLS, BROKER_KILLS, Duration.ofSeconds(30), 14L,
                Path.of("target", "chaos-it"), false, ChaosOptions.DEFAULT_API_GRACE,
                ChaosOptions.javaLauncher(classpath, MedPulseCommand.class.getName()), classpath);
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(new Tee(text), true);

        ChaosRun.Outcome outcome = new ChaosRun(options, out).run();

        Matcher verdict = VERDICT.matcher(text.toString());
        assertThat(verdict.find()).as("verdict line in:%n%s", text).isTrue();
        // Two streams kills, one broker kill, the registry outage, malformed rows, corrupt records.
        assertThat(Integer.parseInt(verdict.group(1))).as("faults").isEqualTo(STREAMS_KILLS + BROKER_KILLS + 1 + 2);
        assertThat(Long.parseLong(verdict.group(2))).as("lost, in:%n%s", text).isZero();
        assertThat(Long.parseLong(verdict.group(3))).as("double-counted, in:%n%s", text).isZero();
        assertThat(verdict.group(5)).as("dead letters, in:%n%s", text).isEqualTo("all malformed");
        assertThat(Long.parseLong(verdict.group(4))).as("dead-lettered: every corrupt record written, once")
                .isEqualTo(outcome.corruptWritten()).isPositive();
        assertThat(outcome.malformedRows()).as("malformed partner rows written").isPositive();
        assertThat(Long.parseLong(verdict.group(6))).as("API errors, in:%n%s", text).isZero();
        assertThat(outcome.passed()).as("outcome, in:%n%s", text).isTrue();
    }

    /** The game day's lines both in the test's report (stdout) and in the text the assertions read. */
    private static final class Tee extends Writer {
        private final StringWriter copy;

        Tee(StringWriter copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            copy.write(buffer, offset, length);
            System.out.print(new String(buffer, offset, length));
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}

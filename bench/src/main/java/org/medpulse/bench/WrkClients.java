package org.medpulse.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's clients in another process: {@code wrk} (an HTTP load generator in C, not shipped with
 * MedPulse) driving {@code bench/wrk/api-mix.lua}, whose last line this class reads. With the
 * clients out of the JVM the figures are the API's, not the API's and its clients' on the same
 * heap and JIT. The script is the project's own, copied from the bench jar to a temporary file.
 */
final class WrkClients {

    /** Where the script lives in the repository (and, under the same name, in the bench jar). */
    static final String SCRIPT = "bench/wrk/api-mix.lua";
    static final String SCRIPT_RESOURCE = "/org/medpulse/bench/wrk/api-mix.lua";
    static final String TOKEN_VARIABLE = "MEDPULSE_API_TOKEN";
    /** wrk's threads: one per core of the 2-core machine the figures are quoted for. */
    static final int THREADS = 2;

    private static final Pattern RESULT = Pattern.compile("^wrk-result: (.*)$");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");

    /** What {@code wrk} reported; latencies in milliseconds. */
    record Report(long requests, double seconds, double requestsPerSecond, double p50, double p90, double p99, double max,
                  long non200, long socketErrors) {

        ApiBenchmark.Figures figures() {
            return new ApiBenchmark.Figures(requests, requestsPerSecond, p50, p90, p99, max, non200 + socketErrors);
        }
    }

    private final Path wrk;
    private final int connections;

    private WrkClients(Path wrk, int connections) {
        this.wrk = wrk;
        this.connections = connections;
    }

    /** {@code wrk} from the PATH, with {@code connections} connections; a clear error if it is not there. */
    static WrkClients onPath(int connections) {
        return new WrkClients(find("wrk").orElseThrow(() -> new IllegalStateException(
                "wrk is not on the PATH: install it (e.g. apt-get install wrk) or run without --clients wrk")), connections);
    }

    static Optional<Path> find(String program) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The script's arguments for the loaded panel: its waves and partners, and the end of the
     * rolling windows.
     */
    static List<String> scriptArguments(LoadedPanel panel, String until) {
        return List.of("waves=" + String.join(",", panel.waves()), "partners=" + String.join(",", panel.partners()),
                "until=" + until, "tools=" + String.join(",", ApiRequestPlan.TREND_TOOLS));
    }

    /** The command line a person would type, with the script's path in the repository. */
    static String commandLine(int connections, Duration duration, URI base, List<String> arguments) {
        return "wrk -t" + THREADS + " -c" + connections + " -d" + duration.toSeconds() + "s -s " + SCRIPT + " " + base
                + " -- " + String.join(" ", arguments);
    }

    /**
     * Runs {@code wrk} with the mix script for {@code duration} against {@code base}, echoing its
     * output to {@code echo} when given, and returns its figures.
     *
     * @param token the bearer token to send, or null
     */
    Report run(URI base, List<String> arguments, Duration duration, String token, PrintStream echo) {
        Path script = script();
        try {
            List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t" + THREADS, "-c" + connections,
                    "-d" + duration.toSeconds() + "s", "-s", script.toString(), base.toString(), "--"));
            command.addAll(arguments);
            return run(command, token, duration, echo);
        } finally {
            try {
                Files.deleteIfExists(script);
            } catch (IOException e) {
                // A leftover temporary file is harmless.
            }
        }
    }

    /**
     * As {@link #run}, asking {@code path} only, through the same script (its {@code path=}
     * argument): a reference, the same server answering a constant.
     */
    Report runConstant(URI base, String path, Duration duration, PrintStream echo) {
        return run(base, List.of("path=" + path), duration, null, echo);
    }

    private Report run(List<String> command, String token, Duration duration, PrintStream echo) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove(TOKEN_VARIABLE);
        if (token != null) {
            environment.put(TOKEN_VARIABLE, token);
        }
        try {
            Process process = builder.start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    lines.add(line);
                    if (echo != null) {
                        echo.println("  | " + line);
                    }
                }
            }
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrk exited with " + process.exitValue() + ": " + String.join("\n", lines));
            }
            return parse(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("Running wrk failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The figures of the script's {@code wrk-result:} line. */
    static Report parse(List<String> lines) {
        for (String line : lines) {
            Matcher result = RESULT.matcher(line.trim());
            if (result.matches()) {
                Map<String, Double> fields = new HashMap<>();
                Matcher field = FIELD.matcher(result.group(1));
                while (field.find()) {
                    fields.put(field.group(1), Double.parseDouble(field.group(2)));
                }
                return new Report(field(fields, "requests").longValue(), field(fields, "seconds"), field(fields, "req_per_s"),
                        field(fields, "p50_ms"), field(fields, "p90_ms"), field(fields, "p99_ms"), field(fields, "max_ms"),
                        field(fields, "non200").longValue(), field(fields, "socket_errors").longValue());
            }
        }
        throw new IllegalStateException("wrk printed no 'wrk-result:' line: " + String.join("\n", lines));
    }

    private static Double field(Map<String, Double> fields, String name) {
        Double value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("wrk's result line lacks " + name + ": " + fields);
        }
        return value;
    }

    private static Path script() {
        try (InputStream in = WrkClients.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " missing from the bench jar");
            }
            Path file = Files.createTempFile("medpulse-api-mix", ".lua");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.medpulse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class of the test classpath, so that a test can kill it the way
 * an operating system does ({@code destroyForcibly}: SIGKILL) or stop it ({@code destroy}: SIGTERM).
 * Its output goes to a log file under {@code target/}.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Path log, Class<?> mainClass, List<String> args) {
        return start(log, List.of(), mainClass, args);
    }

    /** As {@link #start(Path, Class, List)}, with JVM options after the default heap (a later -Xmx wins). */
    public static ChildJvm start(Path log, List<String> jvmOptions, Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + mainClass.getName(), e);
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL, as a crash or the OOM killer: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and the exit code once the process ended (null if it did not within the timeout). */
    public Integer terminate(long timeoutSeconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

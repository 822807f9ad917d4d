package org.medpulse.chaos.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process of the game day (a broker, the streams application), started from a command line,
 * its output appended to a log file of its own so that every incarnation is on record.
 * {@link #kill()} is what the kernel's OOM killer or a power cut does to it: SIGKILL, no shutdown
 * hook, nothing flushed.
 */
public final class ChildProcess {

    /** Every incarnation still running, ended by SIGKILL if this JVM exits first (Ctrl-C, a failure). */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "chaos-children-cleanup"));
    }

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;

    public ChildProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    /** A JVM running {@code mainClass} from {@code classpath}, with {@code jvmOptions} and {@code args}. */
    public static List<String> javaCommand(String classpath, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** Starts a new incarnation; the previous one must have ended. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.getParent());
            starts++;
            Files.writeString(log, String.format("%n===== %s start #%d at %s =====%n", name, starts, Instant.now()),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Process started = process;
            RUNNING.add(started);
            started.onExit().thenRun(() -> RUNNING.remove(started));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code seconds}. */
    public synchronized void stop(long seconds) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The current incarnation's pid, or -1 before the first start. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The exit code of the last incarnation, or null while it runs (or before the first start). */
    public synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

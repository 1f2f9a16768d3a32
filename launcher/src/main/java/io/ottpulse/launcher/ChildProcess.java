package io.ottpulse.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One component of the stack running in its own JVM, its output appended to a log file. It carries the parent-watch
 * agent, so it exits when the launcher does, however the launcher ends.
 */
final class ChildProcess {

    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param jvmArgs what follows {@code java}: options, then {@code -jar x.jar} or {@code -cp ... Main}, then arguments
     */
    static ChildProcess start(String name, Path agentJar, Path log, List<String> jvmArgs) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // Its own session: a Ctrl-C at the terminal reaches the launcher only, which stops children in order.
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agentJar);
        // Deep enough for Kafka Streams' and Reactor's stacks when a recording is started later (./ottpulse bench
        // profiles every phase, an operator may run jcmd JFR.start); it costs nothing while nothing records.
        command.add("-XX:FlightRecorderOptions=stackdepth=256");
        // The heap in transparent huge pages where the kernel gives them on request (its usual "madvise" mode): a
        // memory-reclaim daemon walking the machine's pages (DAMON) then stalls the JVM far less, and the TLB misses
        // less (docs/performance.md); where the kernel offers none, the JVM warns and runs as before.
        command.add("-XX:+UseTransparentHugePages");
        command.addAll(jvmArgs);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ChildProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time and resident memory so far, from /proc. */
    ProcessUsage usage() {
        return ProcessUsage.of(process.pid());
    }

    /**
     * Waits for the process to end by itself; stops it after the timeout.
     *
     * @return its exit code, or -1 if it had to be stopped
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        stop();
        return -1;
    }

    /** Asks the process to stop (SIGTERM, so its shutdown hooks run) and waits; forces it after 30 s. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Stops the process at once, as {@code kill -9} would. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

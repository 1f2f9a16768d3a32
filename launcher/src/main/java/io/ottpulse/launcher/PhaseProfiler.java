package io.ottpulse.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records a CPU profile of each running component during a bench phase: a JFR recording started and stopped in
 * every JVM with {@code jcmd} (JFR's default settings, about 1 % overhead: a Java sample every 20 ms per running
 * thread). The recordings stay in {@code dir} for a closer look in JDK Mission Control or {@code jfr print}.
 */
final class PhaseProfiler {

    private static final String RECORDING = "ottpulse-bench";
    private static final long JCMD_TIMEOUT_SECONDS = 30;

    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private final Path dir;
    private final PrintStream console;

    PhaseProfiler(Path dir, PrintStream console) {
        this.dir = dir;
        this.console = console;
    }

    void start(Collection<ChildProcess> components) throws InterruptedException {
        for (ChildProcess component : components) {
            jcmd(component, "JFR.start", "name=" + RECORDING, "settings=default");
        }
    }

    /** @return the recording of each component that produced one, by component */
    Map<String, Path> stop(String phase, Collection<ChildProcess> components) throws InterruptedException {
        Map<String, Path> recordings = new LinkedHashMap<>();
        for (ChildProcess component : components) {
            Path file = dir.resolve(phase + "-" + component.name() + ".jfr");
            jcmd(component, "JFR.stop", "name=" + RECORDING, "filename=" + file);
            if (Files.exists(file)) {
                recordings.put(component.name(), file);
            }
        }
        return recordings;
    }

    /** A profile is a help, not the point of the run: a component that cannot be asked is reported and skipped. */
    private void jcmd(ChildProcess component, String... command) throws InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(component.pid())));
        line.addAll(List.of(command));
        Path log = dir.resolve("jcmd.log");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                console.printf("no profile of %s: %s timed out%n", component.name(), String.join(" ", line));
            } else if (process.exitValue() != 0) {
                console.printf("no profile of %s: %s failed (see %s)%n", component.name(), String.join(" ", line),
                        log);
            }
        } catch (IOException e) {
            console.printf("no profile of %s: cannot run %s (%s)%n", component.name(), jcmd, e.getMessage());
        }
    }
}

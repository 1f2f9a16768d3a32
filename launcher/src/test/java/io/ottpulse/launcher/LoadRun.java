package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One run of the load generator (a child JVM) through the gateway for a fixed time, verifying afterwards, on its own,
 * that every event it got acknowledged is in the topic and that the stats show its audience's channel load exactly.
 */
final class LoadRun {

    static final int VIEWERS = 1_500;
    static final int EVENTS_PER_SECOND = 200;
    private static final int VERIFY_TIMEOUT_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess loadgen;
    private final Path report;
    private final long seconds;

    private LoadRun(ChildProcess loadgen, Path report, long seconds) {
        this.loadgen = loadgen;
        this.report = report;
        this.seconds = seconds;
    }

    static LoadRun start(LoopbackCluster cluster, Path reportDir, String name, int seed, long seconds)
            throws IOException {
        Path report = reportDir.resolve(name + "-report.json");
        Files.deleteIfExists(report);
        // The same viewer ids in every run: each run's audience takes over the previous one's viewers within its
        // ramp-up, so the stats must show this run's ground truth, whatever came before.
        return new LoadRun(cluster.loadgen(name, List.of("--viewers", Integer.toString(VIEWERS),
                "--rate", Integer.toString(EVENTS_PER_SECOND), "--batch", "10", "--switch-interval", "20",
                "--heartbeat", "10", "--duration", Long.toString(seconds), "--seed", Integer.toString(seed),
                "--progress", "10", "--verify", "loss,accuracy",
                "--verify-timeout", Integer.toString(VERIFY_TIMEOUT_SECONDS), "--report", report.toString())),
                report, seconds);
    }

    /** Waits for the run and its checks to end and returns its report (see loadgen's README). */
    JsonNode awaitReport() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds + 2L * VERIFY_TIMEOUT_SECONDS + 120));
        while (loadgen.isAlive() && Instant.now().isBefore(deadline)) {
            Readiness.sleep(1_000);
        }
        if (loadgen.isAlive() || !Files.exists(report)) {
            throw new IllegalStateException(loadgen.name() + " ended without a report (see " + loadgen.log() + "):\n"
                    + String.join("\n", Files.readAllLines(loadgen.log())));
        }
        return JSON.readTree(report.toFile());
    }
}

package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's DAMON memory-reclaim threads ({@code kdamond}), when the machine runs any, and the CPU they took
 * during a phase. On the machine these figures were taken on, a kdamond checks sampled pages' access bits every
 * 500 ms and pages out cold memory; under the ingest bench each check took 25-50 ms of CPU while the busy threads of
 * all three JVMs stood still (slow requests in bursts about 570 ms apart, gone while it was off). Printed beside the
 * latency so that stall is not read as the system under test's.
 */
final class ReclaimDaemon {

    private static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    private record Kdamond(long pid, String sampleMicros, String actions, Duration cpuAtStart) {
    }

    private final List<Kdamond> running = new ArrayList<>();
    private final long startNanoTime = System.nanoTime();

    ReclaimDaemon() {
        try (Stream<Path> daemons = Files.list(KDAMONDS)) {
            for (Path daemon : daemons.filter(Files::isDirectory).toList()) {
                if (read(daemon.resolve("state")).equals("on")) {
                    long pid = Long.parseLong(read(daemon.resolve("pid")));
                    Path context = daemon.resolve("contexts/0");
                    running.add(new Kdamond(pid, read(context.resolve("monitoring_attrs/intervals/sample_us")),
                            actions(context.resolve("schemes")), cpu(pid)));
                }
            }
        } catch (IOException | RuntimeException noDamon) {
            running.clear();
        }
    }

    /** One line: which kdamonds ran and the cores they used since construction. */
    String describe() {
        if (running.isEmpty()) {
            return "kernel DAMON reclaim: none running";
        }
        double seconds = (System.nanoTime() - startNanoTime) / 1e9;
        StringBuilder line = new StringBuilder("kernel DAMON reclaim:");
        for (Kdamond daemon : running) {
            line.append(String.format(" kdamond %d on (samples every %s µs, schemes: %s), %.3f cores during the "
                    + "phase;", daemon.pid(), daemon.sampleMicros(), daemon.actions(),
                    cpu(daemon.pid()).minus(daemon.cpuAtStart()).toNanos() / 1e9 / seconds));
        }
        return line.append(" a sampling can stall the processes whose memory it walks").toString();
    }

    private static String actions(Path schemes) throws IOException {
        try (Stream<Path> each = Files.list(schemes)) {
            return String.join(",", each.filter(Files::isDirectory).map(scheme -> read(scheme.resolve("action")))
                    .toList());
        }
    }

    /** The CPU a process has used, as {@link ObservedJvm} reads it; zero once it is gone. */
    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}

package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** What one JVM did during a measured phase: CPU used and the stop-the-world pauses it had. */
record JvmDuringPhase(String name, double cpuCores, double threadsWaitingForCpu, long collections, List<Pause> pauses) {

    /** Pauses at least this long are counted as stalls: a quarter of the p99 target. */
    static final Duration STALL = Duration.ofMillis(5);

    /** Starts watching a JVM; {@link Watch#end()} at the end of the phase. */
    static Watch watch(ObservedJvm jvm) {
        return new Watch(jvm, System.currentTimeMillis(), jvm.cpu(), jvm.runQueueWait());
    }

    record Watch(ObservedJvm jvm, long startEpochMillis, Duration cpuAtStart, Duration runQueueWaitAtStart) {
        JvmDuringPhase end() throws IOException {
            long end = System.currentTimeMillis();
            double cores = (jvm.cpu().minus(cpuAtStart).toNanos() / 1e6) / (end - startEpochMillis);
            double waiting = (jvm.runQueueWait().minus(runQueueWaitAtStart).toNanos() / 1e6)
                    / (end - startEpochMillis);
            List<Pause> pauses = StopTheWorldLog.pauses(jvm.pauseLog()).stream()
                    .filter(pause -> pause.overlaps(startEpochMillis, end))
                    .toList();
            return new JvmDuringPhase(jvm.name(), cores, waiting,
                    StopTheWorldLog.collections(jvm.pauseLog(), startEpochMillis, end), pauses);
        }
    }

    List<Pause> stalls() {
        return pauses.stream().filter(pause -> pause.length().compareTo(STALL) >= 0).toList();
    }

    @Override
    public String toString() {
        Duration total = pauses.stream().map(Pause::length).reduce(Duration.ZERO, Duration::plus);
        String longest = pauses.stream().max(Comparator.comparing(Pause::length))
                .map(pause -> String.format("%.1f ms (%s)", pause.length().toNanos() / 1e6, pause.operation()))
                .orElse("-");
        return String.format("%-7s CPU %.2f cores, %.2f threads waiting for a CPU on average, %d GCs, %d "
                + "stop-the-world pauses totalling %.1f ms, %d of them >= %d ms, longest %s", name, cpuCores,
                threadsWaitingForCpu, collections, pauses.size(), total.toNanos() / 1e6,
                stalls().size(), STALL.toMillis(), longest);
    }
}

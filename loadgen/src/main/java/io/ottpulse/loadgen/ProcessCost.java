package io.ottpulse.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What this loadgen process has cost so far: CPU time (user + system, every thread, start-up included) and peak
 * resident memory; reported so a benchmark can put loadgen's own share beside the components'.
 *
 * @param peakRssMib from {@code /proc/self/status} (VmHWM); -1 where that is not available
 */
record ProcessCost(double cpuSeconds, long peakRssMib) {

    static ProcessCost now() {
        double cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
        return new ProcessCost(cpu, readPeakRssMib());
    }

    private static long readPeakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

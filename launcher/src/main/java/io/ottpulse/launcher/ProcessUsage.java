package io.ottpulse.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a process has used so far, from Linux's {@code /proc}: CPU time (user + system, all threads) and resident
 * memory. -1 where {@code /proc} has no answer (another OS, or the process is gone).
 */
record ProcessUsage(double cpuSeconds, long rssMib) {

    /** Linux's USER_HZ, the unit of the times in {@code /proc}: 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcessUsage of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        return new ProcessUsage(readCpuSeconds(proc.resolve("stat")), readRssMib(proc.resolve("status")));
    }

    /** CPU seconds the whole machine has spent busy (every state but idle and iowait), over all cores. */
    static double machineBusySeconds() {
        try {
            long[] ticks = Arrays.stream(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
                    .skip(1).mapToLong(Long::parseLong).toArray();
            // user nice system idle iowait irq softirq steal ...; guest time is already inside user.
            return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime and stime: fields 14 and 15 of {@code stat}, counted after the command name, which may hold spaces. */
    private static double readCpuSeconds(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long readRssMib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

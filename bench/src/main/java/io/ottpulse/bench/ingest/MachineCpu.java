package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What the machine's CPUs did during a phase, from Linux's {@code /proc}: how many cores were busy (with anything,
 * this benchmark or other work) and the CPU pressure (PSI), the share of time in which at least one runnable task
 * waited for a CPU. On two shared cores this tells queueing for the CPU from a stall inside a JVM.
 */
final class MachineCpu {

    /** The kernel's clock tick for {@code /proc/stat}; 100 on every common Linux build. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path PSI = Path.of("/proc/pressure/cpu");
    private static final Pattern SOME_TOTAL = Pattern.compile("^some .*total=(\\d+)", Pattern.MULTILINE);

    private final long startNanoTime = System.nanoTime();
    private final long busyTicksAtStart = busyTicks();
    private final long pressureMicrosAtStart = pressureMicros();

    /** Busy cores on average since construction (NaN without /proc/stat). */
    double busyCores() {
        long busy = busyTicks();
        return busy < 0 || busyTicksAtStart < 0 ? Double.NaN
                : (busy - busyTicksAtStart) / TICKS_PER_SECOND / secondsSinceStart();
    }

    /** The share (0-1) of time since construction in which some task waited for a CPU (NaN without PSI). */
    double pressure() {
        long micros = pressureMicros();
        return micros < 0 || pressureMicrosAtStart < 0 ? Double.NaN
                : (micros - pressureMicrosAtStart) / 1e6 / secondsSinceStart();
    }

    private double secondsSinceStart() {
        return (System.nanoTime() - startNanoTime) / 1e9;
    }

    /** User, nice, system, irq and softirq time of all CPUs (the first line, {@code cpu ...}). */
    private static long busyTicks() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            return IntStream.of(1, 2, 3, 6, 7).mapToLong(field -> Long.parseLong(fields[field])).sum();
        } catch (IOException | RuntimeException noProcStat) {
            return -1;
        }
    }

    private static long pressureMicros() {
        try {
            Matcher some = SOME_TOTAL.matcher(Files.readString(PSI));
            return some.find() ? Long.parseLong(some.group(1)) : -1;
        } catch (IOException noPsi) {
            return -1;
        }
    }
}

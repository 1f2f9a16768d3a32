package io.ottpulse.bench.stats;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time this JVM spent since a starting point: all of it, and the part of the threads whose name contains a marker
 * (Kafka Streams' stream threads, say). The rate of a run moves with whatever else shares the machine, the CPU per
 * event much less, so the benchmark reports both.
 */
final class CpuUse {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final String threadMarker;
    private final long processStart;
    private final long markedStart;

    private CpuUse(String threadMarker) {
        this.threadMarker = threadMarker;
        this.processStart = PROCESS.getProcessCpuTime();
        this.markedStart = markedThreadsNanos(threadMarker);
    }

    static CpuUse since(String threadMarker) {
        return new CpuUse(threadMarker);
    }

    /** Whole-JVM CPU nanoseconds since the start. */
    long processNanos() {
        return PROCESS.getProcessCpuTime() - processStart;
    }

    /** CPU nanoseconds of the live marked threads since the start (threads that ended are not counted). */
    long markedNanos() {
        return markedThreadsNanos(threadMarker) - markedStart;
    }

    private static long markedThreadsNanos(String marker) {
        long total = 0;
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains(marker)) {
                total += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }
}

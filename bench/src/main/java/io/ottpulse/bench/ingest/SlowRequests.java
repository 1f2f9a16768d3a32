package io.ottpulse.bench.ingest;

import io.ottpulse.bench.http.OpenLoadClient;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Remembers when each request slower than a threshold was in flight (wall-clock milliseconds, the time base of the
 * JVMs' pause logs), so the tail can be laid beside the pauses.
 */
final class SlowRequests implements OpenLoadClient.LatencyListener {

    private static final long BURST_GAP_MILLIS = 100;

    private final long thresholdMicros;
    private final long epochMinusNanoTime = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis())
            - System.nanoTime();
    private long[] dueEpochMillis = new long[1024];
    private long[] latencyMillis = new long[1024];
    private int count;

    SlowRequests(long thresholdMillis) {
        this.thresholdMicros = TimeUnit.MILLISECONDS.toMicros(thresholdMillis);
    }

    @Override
    public synchronized void answered(long dueNanoTime, long latencyMicros) {
        if (latencyMicros <= thresholdMicros) {
            return;
        }
        if (count == dueEpochMillis.length) {
            dueEpochMillis = Arrays.copyOf(dueEpochMillis, count * 2);
            latencyMillis = Arrays.copyOf(latencyMillis, count * 2);
        }
        dueEpochMillis[count] = TimeUnit.NANOSECONDS.toMillis(dueNanoTime + epochMinusNanoTime);
        latencyMillis[count] = TimeUnit.MICROSECONDS.toMillis(latencyMicros);
        count++;
    }

    /** How many bursts the slow requests came in, and the median interval between their starts (-1: fewer than 2). */
    record Bursts(int count, long medianIntervalMillis) {
        @Override
        public String toString() {
            return count < 2 ? String.format("in %d burst(s)", count)
                    : String.format("in %d bursts, the median %d ms apart", count, medianIntervalMillis);
        }
    }

    /**
     * How the slow requests group in time: a burst is a run of slow requests whose due times lie within
     * {@link #BURST_GAP_MILLIS} of each other. Bursts at a steady interval point to something periodic.
     */
    synchronized Bursts bursts() {
        long[] due = Arrays.copyOf(dueEpochMillis, count);
        Arrays.sort(due);
        long[] intervals = new long[count];
        int bursts = 0;
        long burstStart = 0;
        for (int i = 0; i < due.length; i++) {
            if (i == 0 || due[i] - due[i - 1] > BURST_GAP_MILLIS) {
                if (bursts > 0) {
                    intervals[bursts - 1] = due[i] - burstStart;
                }
                burstStart = due[i];
                bursts++;
            }
        }
        Arrays.sort(intervals, 0, Math.max(0, bursts - 1));
        return new Bursts(bursts, bursts < 2 ? -1 : intervals[(bursts - 1) / 2]);
    }

    synchronized int count() {
        return count;
    }

    /** How many slow requests were in flight while one of these pauses stood. */
    synchronized int inFlightDuringAny(Iterable<Pause> pauses) {
        int overlapping = 0;
        for (int i = 0; i < count; i++) {
            for (Pause pause : pauses) {
                if (pause.overlaps(dueEpochMillis[i], dueEpochMillis[i] + latencyMillis[i])) {
                    overlapping++;
                    break;
                }
            }
        }
        return overlapping;
    }
}

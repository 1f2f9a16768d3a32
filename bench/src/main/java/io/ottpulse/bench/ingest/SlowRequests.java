package io.ottpulse.bench.ingest;

import io.ottpulse.bench.http.OpenLoadClient;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Remembers when each request slower than a threshold was in flight (wall-clock milliseconds, the time base of the
 * JVMs' pause logs), so the tail can be laid beside the pauses.
 */
final class SlowRequests implements OpenLoadClient.LatencyListener {

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

package io.ottpulse.loadgen;

/**
 * When each request is meant to be sent in an open model: request {@code i} of {@code batch} events is due at
 * {@code start + i * batch / eventsPerSecond}, whatever happened to the requests before it. Computed from the start
 * each time, so rounding never accumulates.
 */
public final class OpenSchedule {

    private final long startNanos;
    private final double nanosPerRequest;

    public OpenSchedule(long startNanos, double eventsPerSecond, int batch) {
        if (!(eventsPerSecond > 0) || batch < 1) {
            throw new IllegalArgumentException("rate must be positive and batch at least 1, got " + eventsPerSecond
                    + " events/s in batches of " + batch);
        }
        this.startNanos = startNanos;
        this.nanosPerRequest = batch * 1e9 / eventsPerSecond;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The intended send time of request {@code index} (0-based), on the {@link System#nanoTime()} scale. */
    public long intendedNanos(long index) {
        return startNanos + Math.round(index * nanosPerRequest);
    }
}

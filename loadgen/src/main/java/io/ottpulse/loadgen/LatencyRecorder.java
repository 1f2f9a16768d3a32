package io.ottpulse.loadgen;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Request latencies in microseconds, from each request's intended send time to its answer, recorded from any
 * thread. Read as intervals (for the progress line) that also add up to the whole run.
 */
final class LatencyRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);

    /** Records one answered request; an answer cannot come before the intended time, so never below 0. */
    void record(long intendedNanos, long answeredNanos) {
        recorder.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(answeredNanos - intendedNanos)));
    }

    /** The latencies recorded since the previous interval (or the start). */
    synchronized Histogram interval() {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        return interval;
    }

    /** Every latency recorded so far. */
    synchronized Histogram total() {
        interval();
        return total.copy();
    }
}

package io.ottpulse.loadgen;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The decisions of {@code --find-max}: the rate of each step (a start rate, then times a factor per step), whether a
 * step held (its p99 and its error share within the bounds), and the highest rate that held. The ramp stops at the
 * first step that did not hold: the rates above it would only be worse, and the system needs no more punishment.
 */
final class RateRamp {

    /**
     * One step of the ramp.
     *
     * @param requests requests sent in the step
     * @param errors of those, the ones answered with anything but 2xx, or not at all
     * @param p99Millis latency p99 of the answered ones, from their intended send times
     */
    record Step(double eventsPerSecond, long requests, long errors, double p50Millis, double p99Millis,
            boolean held) {
    }

    /** What the report says of the ramp. */
    record Result(double maxP99Millis, double maxErrorPercent, List<Step> steps, Double maxSustainedEventsPerSecond,
            Double maxSustainedRequestsPerSecond, String stoppedBy) {
    }

    private final double factor;
    private final double maxP99Millis;
    private final double maxErrorPercent;
    private final int batch;
    private final List<Step> steps = new ArrayList<>();
    private double rate;
    private String stoppedBy;

    /**
     * @param maxErrorPercent most errors a step may have, in percent of its requests
     */
    RateRamp(double startEventsPerSecond, double factor, double maxP99Millis, double maxErrorPercent, int batch) {
        if (!(startEventsPerSecond > 0) || !(factor > 1) || !(maxP99Millis > 0) || maxErrorPercent < 0) {
            throw new IllegalArgumentException("the ramp needs a positive start, a factor above 1, a positive p99 "
                    + "bound and an error bound of at least 0");
        }
        this.rate = startEventsPerSecond;
        this.factor = factor;
        this.maxP99Millis = maxP99Millis;
        this.maxErrorPercent = maxErrorPercent;
        this.batch = batch;
    }

    /** The rate of the step to run now, in events per second. */
    double rate() {
        return rate;
    }

    /** False once a step failed to hold (or {@link #stop} was called): no more steps. */
    boolean goesOn() {
        return stoppedBy == null;
    }

    /**
     * Judges the step just run at {@link #rate()} and moves to the next rate if it held.
     *
     * @param latencyMicros the latencies of the step's answered requests
     */
    Step record(long requests, long errors, Histogram latencyMicros) {
        double p50 = latencyMicros.getValueAtPercentile(50) / 1000.0;
        double p99 = latencyMicros.getValueAtPercentile(99) / 1000.0;
        boolean latencyHeld = latencyMicros.getTotalCount() > 0 && p99 <= maxP99Millis;
        boolean errorsHeld = requests > 0 && errors * 100.0 <= maxErrorPercent * requests;
        Step step = new Step(rate, requests, errors, p50, p99, latencyHeld && errorsHeld);
        steps.add(step);
        if (step.held()) {
            rate *= factor;
        } else {
            stoppedBy = !errorsHeld ? "errors" : "p99";
        }
        return step;
    }

    /** Ends the ramp for another reason than a step that did not hold (e.g. the run's duration). */
    void stop(String reason) {
        if (stoppedBy == null) {
            stoppedBy = reason;
        }
    }

    Result result() {
        Double max = steps.stream().filter(Step::held).map(Step::eventsPerSecond).max(Double::compare).orElse(null);
        return new Result(maxP99Millis, maxErrorPercent, List.copyOf(steps), max, max == null ? null : max / batch,
                stoppedBy);
    }
}

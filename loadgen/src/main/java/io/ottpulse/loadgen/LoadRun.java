package io.ottpulse.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Takes events from the audience and sends them to a sink in requests of {@code batch}: paced at a constant rate,
 * up a {@code --find-max} ramp, or flat out. Every event is stamped when the sender gets to it, as a player stamps
 * what it sends: a sender that falls behind its schedule (the system under test is saturated) still sends events of
 * the present, which the stats judge as fresh; the latency still counts from the intended send time.
 */
final class LoadRun {

    /** How long the answers of a ramp step may take before the step is judged: the request timeout. */
    static final Duration STEP_DRAIN = Duration.ofSeconds(30);

    private final Audience audience;
    private final EventSink sink;
    private final LatencyRecorder latency;
    private final int batch;
    private final long startNanos;

    LoadRun(Audience audience, EventSink sink, LatencyRecorder latency, int batch, long startNanos) {
        this.audience = audience;
        this.sink = sink;
        this.latency = latency;
        this.batch = batch;
        this.startNanos = startNanos;
    }

    /** Sends at {@code eventsPerSecond} from the run's start for {@code durationNanos} (open model). */
    void steady(double eventsPerSecond, long durationNanos) throws InterruptedException {
        new Pacer(new OpenSchedule(startNanos, eventsPerSecond, batch), Pacer.SYSTEM_CLOCK)
                .run(durationNanos, this::send);
    }

    /**
     * Runs the ramp: first {@code warmUpNanos} at the start rate, judged by nothing (a fresh stack's JIT warm-up would
     * otherwise fail the first step); then each step sends at the ramp's rate for {@code stepNanos} (open model),
     * waits for the step's answers and is judged by them alone. Ends when a step does not hold or
     * {@code durationNanos} has passed.
     */
    RateRamp.Result findMax(RateRamp ramp, long warmUpNanos, long stepNanos, long durationNanos, Progress progress)
            throws InterruptedException {
        if (warmUpNanos > 0) {
            new Pacer(new OpenSchedule(System.nanoTime(), ramp.rate(), batch), Pacer.SYSTEM_CLOCK)
                    .run(warmUpNanos, this::send);
            sink.drain(STEP_DRAIN);
        }
        while (ramp.goesOn()) {
            if (System.nanoTime() - startNanos + stepNanos > durationNanos) {
                ramp.stop("duration");
                break;
            }
            Histogram before = latency.total();
            long requestsBefore = sink.requestsSent();
            long errorsBefore = sink.errors();
            new Pacer(new OpenSchedule(System.nanoTime(), ramp.rate(), batch), Pacer.SYSTEM_CLOCK)
                    .run(stepNanos, this::send);
            int unanswered = sink.drain(STEP_DRAIN);
            Histogram step = latency.total();
            step.subtract(before);
            progress.step(ramp.record(sink.requestsSent() - requestsBefore,
                    sink.errors() - errorsBefore + unanswered, step));
        }
        return ramp.result();
    }

    /** Sends as fast as the sink takes requests for {@code durationNanos}; latency then runs from each send call. */
    void flatOut(long durationNanos) throws InterruptedException {
        for (long index = 0; System.nanoTime() - startNanos < durationNanos; index++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            send(index, System.nanoTime());
        }
    }

    private void send(long index, long intendedNanos) throws InterruptedException {
        long stampMillis = System.currentTimeMillis();
        List<SimulatedEvent> events = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            events.add(audience.next(stampMillis));
        }
        sink.send(events, intendedNanos);
    }

    /** Told of each ramp step as it is judged. */
    interface Progress {
        void step(RateRamp.Step step);
    }
}

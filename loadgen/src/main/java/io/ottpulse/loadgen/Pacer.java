package io.ottpulse.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Dispatches requests at their intended times. A request is never sent early; one that could not be sent on time
 * (the sender was blocked, the machine stalled) is sent as soon as possible with its original intended time, and
 * the schedule is not shifted: the requests behind it keep their own times. Latency is then measured from the
 * intended time, so a stall counts against every request it delayed (no coordinated omission).
 * <p>
 * The sender wakes at most once per {@link #SEND_TICK_NANOS} and then sends every request due by then: at high rates
 * a park and a wake-up per request cost more CPU than the request itself, on cores the system under test may share.
 * A request sent up to a tick after its intended time counts that wait in its latency.
 */
public final class Pacer {

    static final long SEND_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A monotonic clock that can wait. */
    public interface Clock {
        long nanoTime();

        void parkUntil(long nanos) throws InterruptedException;
    }

    /** Sends request {@code index}, meant to go at {@code intendedNanos}. */
    public interface Dispatch {
        void send(long index, long intendedNanos) throws InterruptedException;
    }

    public static final Clock SYSTEM_CLOCK = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long nanos) throws InterruptedException {
            for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.parkNanos(wait);
            }
        }
    };

    private final OpenSchedule schedule;
    private final Clock clock;

    public Pacer(OpenSchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * Dispatches every request whose intended time is less than {@code durationNanos} after the schedule's start
     * ({@link Long#MAX_VALUE}: until interrupted).
     *
     * @return how many requests were dispatched
     */
    public long run(long durationNanos, Dispatch dispatch) throws InterruptedException {
        long index = 0;
        for (long intended = schedule.intendedNanos(0); intended - schedule.startNanos() < durationNanos;
                intended = schedule.intendedNanos(++index)) {
            long now = clock.nanoTime();
            if (now - intended < 0) {
                clock.parkUntil(Math.max(intended, now + SEND_TICK_NANOS));
            }
            dispatch.send(index, intended);
        }
        return index;
    }
}

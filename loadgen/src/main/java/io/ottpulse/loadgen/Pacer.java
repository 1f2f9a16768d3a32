package io.ottpulse.loadgen;

import java.util.concurrent.locks.LockSupport;

/**
 * Dispatches requests at their intended times. A request is never sent early; one that could not be sent on time
 * (the sender was blocked, the machine stalled) is sent as soon as possible with its original intended time, and
 * the schedule is not shifted: the requests behind it keep their own times. Latency is then measured from the
 * intended time, so a stall counts against every request it delayed (no coordinated omission).
 */
final class Pacer {

    /** A monotonic clock that can wait. */
    interface Clock {
        long nanoTime();

        void parkUntil(long nanos) throws InterruptedException;
    }

    /** Sends request {@code index}, meant to go at {@code intendedNanos}. */
    interface Dispatch {
        void send(long index, long intendedNanos) throws InterruptedException;
    }

    static final Clock SYSTEM_CLOCK = new Clock() {
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

    Pacer(OpenSchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * Dispatches every request whose intended time is less than {@code durationNanos} after the schedule's start
     * ({@link Long#MAX_VALUE}: until interrupted).
     *
     * @return how many requests were dispatched
     */
    long run(long durationNanos, Dispatch dispatch) throws InterruptedException {
        long index = 0;
        for (long intended = schedule.intendedNanos(0); intended - schedule.startNanos() < durationNanos;
                intended = schedule.intendedNanos(++index)) {
            if (clock.nanoTime() - intended < 0) {
                clock.parkUntil(intended);
            }
            dispatch.send(index, intended);
        }
        return index;
    }
}

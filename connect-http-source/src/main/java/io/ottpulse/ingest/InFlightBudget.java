package io.ottpulse.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what a task holds between accepting a request and Kafka acknowledging it, in events and in bytes, so memory
 * stays bounded under any load: a request that does not fit is refused (429) rather than queued.
 */
final class InFlightBudget {

    private final long maxEvents;
    private final long maxBytes;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    InFlightBudget(long maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** Takes room for a request, or returns false and takes nothing. */
    boolean tryAcquire(int requestEvents, long requestBytes) {
        if (events.addAndGet(requestEvents) > maxEvents) {
            events.addAndGet(-requestEvents);
            return false;
        }
        if (bytes.addAndGet(requestBytes) > maxBytes) {
            bytes.addAndGet(-requestBytes);
            events.addAndGet(-requestEvents);
            return false;
        }
        return true;
    }

    void release(int requestEvents, long requestBytes) {
        events.addAndGet(-requestEvents);
        bytes.addAndGet(-requestBytes);
    }

    long events() {
        return events.get();
    }

    long bytes() {
        return bytes.get();
    }
}

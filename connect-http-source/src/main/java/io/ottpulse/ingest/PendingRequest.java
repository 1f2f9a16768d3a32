package io.ottpulse.ingest;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The claim check of one HTTP request: counts its records still waiting for Kafka and completes once Connect has
 * reported every one of them through {@code commitRecord}. Called from the producer's callback thread.
 */
final class PendingRequest {

    private final AtomicInteger outstanding;
    private final ConcurrentLinkedQueue<Integer> dropped = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<List<Integer>> done = new CompletableFuture<>();

    PendingRequest(int records) {
        if (records <= 0) {
            throw new IllegalArgumentException("a request has at least one record");
        }
        this.outstanding = new AtomicInteger(records);
    }

    /**
     * One record of the request is settled.
     *
     * @param eventIndex the event's position in the request
     * @param written true when Kafka acknowledged it; false when Connect dropped it (a filtering transformation, or
     *     errors.tolerance=all after a conversion failure)
     */
    void settled(int eventIndex, boolean written) {
        if (!written) {
            dropped.add(eventIndex);
        }
        if (outstanding.decrementAndGet() == 0) {
            done.complete(dropped.stream().sorted().toList());
        }
    }

    /** The task stops before some records of the request reached Connect: they will never be written. */
    void abandon() {
        done.completeExceptionally(new CancellationException("the ingest task stopped"));
    }

    /**
     * Completes with the indexes of the events Connect dropped once every record is settled, or with a
     * {@link CancellationException} when the request was abandoned.
     */
    CompletableFuture<List<Integer>> done() {
        return done;
    }
}

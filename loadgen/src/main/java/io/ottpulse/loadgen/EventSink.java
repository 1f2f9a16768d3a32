package io.ottpulse.loadgen;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where a run sends its events: the ingest API over HTTP, or Kafka directly for the baseline. */
interface EventSink extends AutoCloseable {

    /**
     * Sends one request (an HTTP request, or a record per event) and returns without waiting for its answer, unless
     * too many are in flight; latency is recorded from {@code intendedNanos} to the answer.
     */
    void send(List<SimulatedEvent> events, long intendedNanos) throws InterruptedException;

    long requestsSent();

    long eventsSent();

    /** Requests answered with anything but an acknowledgement, or with no answer. */
    long errors();

    /** Answers so far by kind (HTTP status, or exception name for requests that got none). */
    Map<String, Long> byStatus();

    /**
     * Waits for the requests in flight to be answered.
     *
     * @return how many are still unanswered after the timeout
     */
    int drain(Duration timeout) throws InterruptedException;

    @Override
    void close();
}

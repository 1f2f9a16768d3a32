package io.ottpulse.loadgen;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What a sink has sent and how it was answered, counted from any thread. */
final class SendTally {

    private final LongAdder requestsSent = new LongAdder();
    private final LongAdder eventsSent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> byAnswer = new ConcurrentHashMap<>();

    void sent(List<SimulatedEvent> events) {
        requestsSent.increment();
        eventsSent.add(events.size());
    }

    /** An answer that acknowledges the request (or part of it). */
    void answered(String answer) {
        byAnswer.computeIfAbsent(answer, key -> new LongAdder()).increment();
    }

    /** An answer that acknowledges nothing, or the name of the exception of a request that got none. */
    void failed(String answer) {
        errors.increment();
        answered(answer);
    }

    long requestsSent() {
        return requestsSent.sum();
    }

    long eventsSent() {
        return eventsSent.sum();
    }

    long errors() {
        return errors.sum();
    }

    Map<String, Long> byAnswer() {
        Map<String, Long> counts = new TreeMap<>();
        byAnswer.forEach((answer, count) -> counts.put(answer, count.sum()));
        return counts;
    }
}

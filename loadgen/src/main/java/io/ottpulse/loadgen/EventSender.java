package io.ottpulse.loadgen;

import io.netty.handler.codec.http.HttpMethod;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.loadgen.http.KeepAliveClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends events to the ingest API as JSON arrays over {@link KeepAliveClient} (HTTP/1.1 keep-alive, one request in
 * flight per connection), with a bound on requests in flight, which also bounds the connections. Counts answers by
 * status, records each answered request's latency from its intended send time, and books the accepted events in the
 * {@link AckLedger}.
 */
final class EventSender implements EventSink {

    /** A request unanswered this long is counted as {@code HttpTimeoutException}. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final KeepAliveClient http;
    private final String eventsPath;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final LatencyRecorder latency;
    private final AckLedger ledger;
    private final SendTally tally = new SendTally();

    /** @param headers sent with every request (the API key, and whatever else the target needs) */
    EventSender(URI baseUri, Map<String, String> headers, int maxInFlight, LatencyRecorder latency, AckLedger ledger) {
        this.http = new KeepAliveClient(baseUri, headers, maxInFlight, REQUEST_TIMEOUT);
        this.eventsPath = baseUri.resolve("/v1/events").getRawPath();
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.latency = latency;
        this.ledger = ledger;
    }

    /**
     * Sends one request with the given events. Blocks while {@code maxInFlight} requests are unanswered; the wait
     * counts in the latency, which runs from {@code intendedNanos}.
     */
    @Override
    public void send(List<SimulatedEvent> events, long intendedNanos) throws InterruptedException {
        inFlight.acquire();
        tally.sent(events);
        http.send(HttpMethod.POST, eventsPath, jsonArray(events), new KeepAliveClient.Answer() {
            @Override
            public void response(int status, byte[] body) {
                try {
                    latency.record(intendedNanos, System.nanoTime());
                    if (IngestAnswer.acknowledges(status)) {
                        tally.answered(Integer.toString(status));
                        ledger.acknowledge(events, IngestAnswer.notAccepted(status, body));
                    } else {
                        tally.failed(Integer.toString(status));
                    }
                } finally {
                    inFlight.release();
                }
            }

            @Override
            public void failure(Throwable cause) {
                tally.failed(cause.getClass().getSimpleName());
                inFlight.release();
            }
        });
    }

    private static byte[] jsonArray(List<SimulatedEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 200);
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(EventJson.write(events.get(i).event()));
        }
        out.write(']');
        return out.toByteArray();
    }

    @Override
    public long requestsSent() {
        return tally.requestsSent();
    }

    @Override
    public long eventsSent() {
        return tally.eventsSent();
    }

    @Override
    public long errors() {
        return tally.errors();
    }

    /** Answers so far by HTTP status, or by exception name for requests that got none. */
    @Override
    public Map<String, Long> byStatus() {
        return tally.byAnswer();
    }

    @Override
    public int drain(Duration timeout) throws InterruptedException {
        if (inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
            return 0;
        }
        return maxInFlight - inFlight.availablePermits();
    }

    @Override
    public void close() {
        http.close();
    }
}

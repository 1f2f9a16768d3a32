package io.ottpulse.loadgen;

import io.ottpulse.activity.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends events to the ingest API as JSON arrays with {@link HttpClient} (HTTP/1.1, asynchronous), with a bound on
 * requests in flight, which also bounds the connections. Counts answers by status, records each answered request's
 * latency from its intended send time, and books the accepted events in the {@link AckLedger}.
 */
final class EventSender implements EventSink {

    private final ExecutorService answers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "loadgen-answers");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(answers)
            .build();
    private final URI eventsUri;
    private final Map<String, String> headers;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final LatencyRecorder latency;
    private final AckLedger ledger;
    private final SendTally tally = new SendTally();

    /** @param headers sent with every request (the API key, and whatever else the target needs) */
    EventSender(URI baseUri, Map<String, String> headers, int maxInFlight, LatencyRecorder latency, AckLedger ledger) {
        this.eventsUri = baseUri.resolve("/v1/events");
        this.headers = Map.copyOf(headers);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonArray(events)));
        headers.forEach(request::header);
        tally.sent(events);
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    // sendAsync wraps the failure (timeout, reset, refused) in a CompletionException: name the cause.
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    tally.failed(cause.getClass().getSimpleName());
                } else {
                    latency.record(intendedNanos, System.nanoTime());
                    String status = Integer.toString(response.statusCode());
                    if (IngestAnswer.acknowledges(response.statusCode())) {
                        tally.answered(status);
                        ledger.acknowledge(events, IngestAnswer.notAccepted(response.statusCode(), response.body()));
                    } else {
                        tally.failed(status);
                    }
                }
            } finally {
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
        answers.shutdownNow();
    }
}

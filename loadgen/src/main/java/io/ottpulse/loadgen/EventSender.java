package io.ottpulse.loadgen;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Sends events to the ingest API as JSON arrays, with a bound on requests in flight, counting answers by status. */
public final class EventSender {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI eventsUri;
    private final String apiKey;
    private final Semaphore inFlight;
    private final LongAdder eventsAcknowledged = new LongAdder();
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();

    public EventSender(URI baseUri, String apiKey, int maxInFlight) {
        this.eventsUri = baseUri.resolve("/v1/events");
        this.apiKey = apiKey;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Sends one request with the given events; blocks only while the in-flight bound is reached. */
    public void send(List<ActivityEvent> events) throws InterruptedException {
        inFlight.acquire();
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonArray(events)));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            String answer = error != null ? error.getClass().getSimpleName() : Integer.toString(response.statusCode());
            answers.computeIfAbsent(answer, key -> new LongAdder()).increment();
            if (response != null && response.statusCode() == 202) {
                eventsAcknowledged.add(events.size());
            }
        });
    }

    private static byte[] jsonArray(List<ActivityEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 200);
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(EventJson.write(events.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }

    public long eventsAcknowledged() {
        return eventsAcknowledged.sum();
    }

    /** Answers so far by HTTP status (or exception name). */
    public Map<String, Long> answers() {
        Map<String, Long> counts = new TreeMap<>();
        answers.forEach((answer, count) -> counts.put(answer, count.sum()));
        return counts;
    }

    /** Waits for the requests in flight to be answered. */
    public void drain(int maxInFlight, Duration timeout) throws InterruptedException {
        if (inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
        }
    }
}

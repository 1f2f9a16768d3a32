package io.ottpulse.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Sends one small batch after another through the gateway and records every answer with its time: what was
 * acknowledged (each event id must end up in the topic), and when ingestion refused or failed.
 */
final class AvailabilityProbe implements AutoCloseable {

    /** One request's answer: its HTTP status, or -1 when none came (refused connection, timeout). */
    record Answer(long atMillis, int status, List<String> eventIds) {
        boolean acknowledged() {
            return status == 202;
        }
    }

    /** The answers of a period: how many, by status, and the last one that was not an acknowledgement. */
    record Window(int requests, int acknowledgedEvents, Map<Integer, Long> byStatus, long lastFailureMillis) {
        int failures() {
            return requests - byStatus.getOrDefault(202, 0L).intValue();
        }
    }

    private static final int EVENTS_PER_REQUEST = 2;
    private static final long PAUSE_MS = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI events;
    private final List<Answer> answers = new ArrayList<>();
    private final Thread sender;
    private volatile boolean running = true;
    private long sequence;

    AvailabilityProbe(String gatewayUrl) {
        this.events = URI.create(gatewayUrl + "/v1/events");
        this.sender = new Thread(this::sendUntilClosed, "availability-probe");
        sender.setDaemon(true);
        sender.start();
    }

    private void sendUntilClosed() {
        while (running) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
                String id = "probe-" + sequence++;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(id)
                        .append("\",\"userId\":\"probe-user-").append(sequence % 20)
                        .append("\",\"type\":\"heartbeat\",\"channelId\":\"probe-channel\",\"timestamp\":")
                        .append(System.currentTimeMillis()).append('}');
            }
            int status = send(body.append(']').toString());
            if (!running) {
                return; // interrupted by close: no answer to record
            }
            record(new Answer(System.currentTimeMillis(), status, ids));
            try {
                Thread.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int send(String body) {
        try {
            return http.send(HttpRequest.newBuilder(events)
                    .header("Content-Type", "application/json")
                    .header("X-Api-Key", Stack.DEV_API_KEY)
                    .timeout(Duration.ofSeconds(15))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private synchronized void record(Answer answer) {
        answers.add(answer);
    }

    /** Every event id acknowledged so far. */
    synchronized Set<String> acknowledged() {
        return answers.stream().filter(Answer::acknowledged).flatMap(answer -> answer.eventIds().stream())
                .collect(Collectors.toSet());
    }

    /** The answers that came between the two times (epoch millis). */
    synchronized Window between(long fromMillis, long toMillis) {
        List<Answer> in = answers.stream().filter(a -> a.atMillis() >= fromMillis && a.atMillis() <= toMillis).toList();
        Map<Integer, Long> byStatus = in.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new,
                Collectors.counting()));
        int acknowledgedEvents = in.stream().filter(Answer::acknowledged).mapToInt(a -> a.eventIds().size()).sum();
        long lastFailure = in.stream().filter(a -> !a.acknowledged()).mapToLong(Answer::atMillis).max().orElse(-1);
        return new Window(in.size(), acknowledgedEvents, byStatus, lastFailure);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.interrupt();
        sender.join(20_000);
    }
}

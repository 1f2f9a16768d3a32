package io.ottpulse.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Freshness: how long after the API acknowledged an event the stats API shows its effect. A probe viewer of its own,
 * on a probe channel of its own (outside the catalogue, so the accuracy check never sees it), alternately tunes in
 * and stops during the run; after each acknowledgement the probe polls {@code GET /v1/stats/channels/{probe}} until
 * the channel shows 1 viewer (or 0), and records the time from the acknowledgement to that answer.
 */
final class FreshnessProbe implements AutoCloseable {

    /**
     * @param samples effects seen
     * @param timedOut acknowledged probe events whose effect was not seen within the timeout
     * @param refused probe events the API did not acknowledge (nothing to wait for)
     */
    record Result(long samples, long timedOut, long refused, double p50Millis, double p99Millis, double maxMillis) {

        boolean passed() {
            return samples > 0 && timedOut == 0;
        }
    }

    /** Resolution of a sample: one poll of the stats API every so often. */
    private static final long POLL_MILLIS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI eventsUri;
    private final URI channelUri;
    private final Map<String, String> headers;
    private final String runId;
    private final String userId;
    private final String channelId;
    private final Duration interval;
    private final Duration timeout;
    private final Histogram micros = new Histogram(3);
    private final Thread thread;
    private volatile boolean stopping;
    private long timedOut;
    private long refused;
    private long probeEvents;

    /**
     * @param interval pause between two samples
     * @param timeout how long to wait for one effect
     */
    FreshnessProbe(URI ingestBase, URI statsBase, Map<String, String> headers, String runId, Duration interval,
            Duration timeout) {
        this.runId = runId;
        this.userId = "probe-" + runId;
        this.channelId = "probe-" + runId;
        this.eventsUri = ingestBase.resolve("/v1/events");
        // Run ids are base-36 digits and dashes: safe in a path.
        this.channelUri = statsBase.resolve("/v1/stats/channels/" + channelId);
        this.headers = Map.copyOf(headers);
        this.interval = interval;
        this.timeout = timeout;
        this.thread = new Thread(this::probe, "loadgen-freshness");
        this.thread.setDaemon(true);
    }

    FreshnessProbe start() {
        thread.start();
        return this;
    }

    /** Stops after the sample in progress (which may wait up to the timeout) and leaves the probe channel. */
    Result stop() throws InterruptedException {
        stopping = true;
        thread.join();
        synchronized (this) {
            return new Result(micros.getTotalCount(), timedOut, refused, millis(micros.getValueAtPercentile(50)),
                    millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()));
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void probe() {
        boolean watching = false;
        try {
            while (!stopping) {
                EventType type = watching ? EventType.STOP : EventType.CHANNEL_SWITCH;
                if (send(type)) {
                    long acknowledged = System.nanoTime();
                    watching = !watching;
                    long seen = await(watching ? 1 : 0, acknowledged + timeout.toNanos());
                    synchronized (this) {
                        if (seen < 0) {
                            timedOut++;
                        } else {
                            micros.recordValue(TimeUnit.NANOSECONDS.toMicros(seen - acknowledged));
                        }
                    }
                } else {
                    synchronized (this) {
                        refused++;
                    }
                }
                sleepUnlessStopping(interval.toMillis());
            }
            if (watching) {
                send(EventType.STOP);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one probe event; true when the API acknowledged it. */
    private boolean send(EventType type) throws InterruptedException {
        ActivityEvent event = new ActivityEvent(runId + "-probe-" + probeEvents++, userId, null, null, type, channelId,
                System.currentTimeMillis(), null);
        HttpRequest.Builder request = HttpRequest.newBuilder(eventsUri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(event)));
        headers.forEach(request::header);
        try {
            return IngestAnswer.acknowledges(
                    http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls the probe channel until it shows {@code viewers}; the nanoTime of that answer, or -1 at the deadline. */
    private long await(long viewers, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() - deadlineNanos < 0) {
            HttpRequest.Builder request = HttpRequest.newBuilder(channelUri).timeout(Duration.ofSeconds(10)).GET();
            headers.forEach(request::header);
            try {
                HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                long now = System.nanoTime();
                // 503 while the stats restore or move state: not yet.
                if (answer.statusCode() == 200 && JSON.readTree(answer.body()).path("viewers").asLong() == viewers) {
                    return now;
                }
            } catch (IOException e) {
                // Not reachable for a moment: the deadline decides.
            }
            Thread.sleep(POLL_MILLIS);
        }
        return -1;
    }

    private void sleepUnlessStopping(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stopping && System.nanoTime() - end < 0) {
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}

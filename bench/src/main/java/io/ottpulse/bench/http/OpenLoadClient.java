package io.ottpulse.bench.http;

import io.ottpulse.loadgen.OpenSchedule;
import io.ottpulse.loadgen.Pacer;
import io.ottpulse.loadgen.http.KeepAliveClient;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * An open-model load generator: requests are due at a fixed rate whatever the server does, and each latency is
 * measured from when the request was due, not from when a connection was free to send it, so a stall shows in
 * full (no coordinated omission). The connections are loadgen's {@link KeepAliveClient}: HTTP/1.1 keep-alive, one
 * request in flight on each, a due request waits for a free one (the wait counts). Runs to the same server with
 * the same headers share their connections, so a warm-up leaves open the ones the measured run needs: opened afresh
 * in the measured run, they stalled its first second (at 10,000/s through one ingest task every request of the first
 * second was late, by up to 270 ms), and a population of players holds its connections open anyway.
 */
public final class OpenLoadClient implements AutoCloseable {

    /** What happened. */
    public record Result(Histogram latencyMicros, long sent, long errors, double achievedPerSecond) {
    }

    /** Told of every answer, on the client's event-loop thread, so it must be quick. */
    public interface LatencyListener {
        void answered(long dueNanoTime, long latencyMicros);
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Whom a set of connections talks to, and the headers they send with every request. */
    private record Peer(String host, int port, Map<String, String> headers) {
    }

    private final int maxConnections;
    private final Map<Peer, KeepAliveClient> connections = new HashMap<>();

    public OpenLoadClient(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Result run(HttpTarget target, int perSecond, int seconds) throws InterruptedException {
        return run(target, perSecond, seconds, (due, latency) -> { });
    }

    /** As {@link #run(HttpTarget, int, int)}, also telling {@code listener} when each answered request was due. */
    public Result run(HttpTarget target, int perSecond, int seconds, LatencyListener listener)
            throws InterruptedException {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String path = target.uri().getRawPath()
                + (target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery());
        KeepAliveClient http = connectionsTo(target);
        // loadgen's pacer: never early, at most one wake-up per millisecond, latency from each due time.
        OpenSchedule schedule = new OpenSchedule(System.nanoTime(), perSecond, 1);
        long total = new Pacer(schedule, Pacer.SYSTEM_CLOCK).run(TimeUnit.SECONDS.toNanos(seconds), (index, due) ->
                http.send(target.method(), path, target.body(), new KeepAliveClient.Answer() {
                    @Override
                    public void response(int status, byte[] body) {
                        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due));
                        // Answers come on the client's one event-loop thread; the lock publishes them to this one.
                        synchronized (latency) {
                            latency.recordValue(micros);
                        }
                        listener.answered(due, micros);
                        if (status >= 400) {
                            errors.incrementAndGet();
                        }
                        completed.incrementAndGet();
                    }

                    @Override
                    public void failure(Throwable cause) {
                        errors.incrementAndGet();
                        completed.incrementAndGet();
                    }
                }));
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        while (completed.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - schedule.startNanos()) / 1e9;
        synchronized (latency) {
            return new Result(latency.copy(), total, errors.get() + (total - completed.get()),
                    completed.get() / elapsed);
        }
    }

    private synchronized KeepAliveClient connectionsTo(HttpTarget target) {
        URI uri = target.uri();
        return connections.computeIfAbsent(new Peer(uri.getHost(), uri.getPort(), target.headers()),
                peer -> new KeepAliveClient(uri, peer.headers(), maxConnections, REQUEST_TIMEOUT));
    }

    /** Closes every connection the runs opened. */
    @Override
    public synchronized void close() {
        connections.values().forEach(KeepAliveClient::close);
        connections.clear();
    }
}

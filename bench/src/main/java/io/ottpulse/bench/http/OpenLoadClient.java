package io.ottpulse.bench.http;

import io.ottpulse.loadgen.http.KeepAliveClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-model load generator: requests are due at a fixed rate whatever the server does, and each latency is
 * measured from when the request was due, not from when a connection was free to send it, so a stall shows in
 * full (no coordinated omission). The connections are loadgen's {@link KeepAliveClient}: HTTP/1.1 keep-alive, one
 * request in flight on each, a due request waits for a free one (the wait counts); each run opens its own.
 */
public final class OpenLoadClient {

    /** What happened. */
    public record Result(Histogram latencyMicros, long sent, long errors, double achievedPerSecond) {
    }

    /** Told of every answer, on the client's event-loop thread, so it must be quick. */
    public interface LatencyListener {
        void answered(long dueNanoTime, long latencyMicros);
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final int maxConnections;

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
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long total = (long) perSecond * seconds;
        long start = System.nanoTime();
        double elapsed;
        try (KeepAliveClient http = new KeepAliveClient(target.uri(), target.headers(), maxConnections,
                REQUEST_TIMEOUT)) {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
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
                });
            }
            long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
            while (completed.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            elapsed = (System.nanoTime() - start) / 1e9;
        }
        synchronized (latency) {
            return new Result(latency.copy(), total, errors.get() + (total - completed.get()),
                    completed.get() / elapsed);
        }
    }
}

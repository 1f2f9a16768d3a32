package io.ottpulse.loadgen;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The live line printed every few seconds: rate achieved since the last line, answers by status, p50/p99. */
final class ProgressLine implements Runnable {

    private final EventSink sender;
    private final AckLedger ledger;
    private final LatencyRecorder latency;
    private final PrintStream out;
    private final long startNanos;
    private long lastNanos;
    private long lastEvents;

    ProgressLine(EventSink sender, AckLedger ledger, LatencyRecorder latency, PrintStream out, long startNanos) {
        this.sender = sender;
        this.ledger = ledger;
        this.latency = latency;
        this.out = out;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long events = sender.eventsSent();
        Histogram interval = latency.interval();
        double rate = (events - lastEvents) * 1e9 / Math.max(1, now - lastNanos);
        out.printf("%6.0fs  %9.1f events/s  sent %d  acknowledged %d  answers %s  p50 %.1f ms  p99 %.1f ms%n",
                (now - startNanos) / 1e9, rate, events, ledger.count(), sender.byStatus(),
                interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0);
        lastNanos = now;
        lastEvents = events;
    }

    /** Prints this line every {@code seconds} on its own daemon thread until closed. */
    Printer every(int seconds) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "loadgen-progress");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this, seconds, seconds, TimeUnit.SECONDS);
        return executor::shutdownNow;
    }

    /** Stops the printing. */
    interface Printer extends AutoCloseable {
        @Override
        void close();
    }
}

package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    /** A sink slower than the schedule: each request takes 20 ms, so sending falls further behind with each one. */
    private static final class SlowSink implements EventSink {
        final List<Long> stamps = new ArrayList<>();
        final List<Long> returnedAt = new ArrayList<>();

        @Override
        public void send(List<SimulatedEvent> events, long intendedNanos) throws InterruptedException {
            stamps.add(events.get(0).event().timestamp());
            Thread.sleep(20);
            returnedAt.add(System.currentTimeMillis());
        }

        @Override
        public long requestsSent() {
            return stamps.size();
        }

        @Override
        public long eventsSent() {
            return stamps.size();
        }

        @Override
        public long errors() {
            return 0;
        }

        @Override
        public Map<String, Long> byStatus() {
            return Map.of();
        }

        @Override
        public int drain(Duration timeout) {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eventsAreStampedWhenSentEvenWhenSendingFallsBehindTheSchedule() throws InterruptedException {
        SlowSink sink = new SlowSink();
        Audience audience = new Audience(1_000, new ChannelCatalogue(20, 1.0), 60_000, 0, 0,
                System.currentTimeMillis(), 7);
        LoadRun run = new LoadRun(audience, sink, new LatencyRecorder(), 1, System.nanoTime());

        // 1,000 requests/s are due but at most 50/s get sent: by the end the schedule is far ahead of the sender.
        run.steady(1_000, TimeUnit.MILLISECONDS.toNanos(300));

        assertThat(sink.stamps).hasSizeGreaterThan(3);
        for (int i = 1; i < sink.stamps.size(); i++) {
            assertThat(sink.stamps.get(i))
                    .as("request %d is stamped after request %d was sent, not at its intended time", i, i - 1)
                    .isGreaterThanOrEqualTo(sink.returnedAt.get(i - 1));
        }
    }
}

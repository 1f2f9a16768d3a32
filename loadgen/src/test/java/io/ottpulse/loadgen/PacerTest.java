package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A clock that only moves when told: parking moves it to the wake-up time; a slow send moves it on. */
    private static final class FakeClock implements Pacer.Clock {
        long now;
        final List<Long> parkedUntil = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long nanos) {
            parkedUntil.add(nanos);
            now = Math.max(now, nanos);
        }
    }

    private record Sent(long index, long intended, long at) {
    }

    @Test
    void scheduleSpacesRequestsByBatchOverRate() {
        OpenSchedule singles = new OpenSchedule(1_000, 1_000, 1);
        OpenSchedule batches = new OpenSchedule(1_000, 1_000, 50);

        assertThat(singles.intendedNanos(0)).isEqualTo(1_000);
        assertThat(singles.intendedNanos(7)).isEqualTo(1_000 + 7 * MS);
        assertThat(batches.intendedNanos(3)).isEqualTo(1_000 + 150 * MS);
    }

    @Test
    void scheduleDoesNotAccumulateRounding() {
        OpenSchedule thirds = new OpenSchedule(0, 3, 1);

        assertThat(thirds.intendedNanos(1)).isEqualTo(333_333_333L);
        assertThat(thirds.intendedNanos(3_000_000)).isEqualTo(TimeUnit.SECONDS.toNanos(1_000_000));
    }

    @Test
    void sendsEachRequestAtItsIntendedTimeAndNoEarlier() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<Sent> sent = new ArrayList<>();

        long count = new Pacer(new OpenSchedule(0, 100, 1), clock)
                .run(50 * MS, (index, intended) -> sent.add(new Sent(index, intended, clock.now)));

        assertThat(count).isEqualTo(5);
        assertThat(sent).extracting(Sent::intended).containsExactly(0L, 10 * MS, 20 * MS, 30 * MS, 40 * MS);
        assertThat(sent).allMatch(s -> s.at() == s.intended());
    }

    @Test
    void atHighRatesWakesOncePerTickAndSendsWhatIsDueNeverEarly() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<Sent> sent = new ArrayList<>();

        // 10,000 requests/s: one every 0.1 ms, 30 in the first 3 ms.
        long count = new Pacer(new OpenSchedule(0, 10_000, 1), clock)
                .run(3 * MS, (index, intended) -> sent.add(new Sent(index, intended, clock.now)));

        assertThat(count).isEqualTo(30);
        assertThat(clock.parkedUntil).containsExactly(MS, 2 * MS, 3 * MS);
        assertThat(sent).allMatch(s -> s.at() >= s.intended() && s.at() - s.intended() < Pacer.SEND_TICK_NANOS);
        assertThat(sent).extracting(Sent::at).containsOnly(0L, MS, 2 * MS, 3 * MS);
    }

    @Test
    void aStallDelaysTheRequestsBehindItWithoutMovingTheirIntendedTimes() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<Sent> sent = new ArrayList<>();

        new Pacer(new OpenSchedule(0, 100, 1), clock).run(100 * MS, (index, intended) -> {
            sent.add(new Sent(index, intended, clock.now));
            if (index == 2) {
                clock.now += 55 * MS; // the sender blocked, e.g. every connection busy
            }
        });

        // Requests 3..7 were due at 30..70 ms, during the stall: sent at once when it ended, keeping their times.
        assertThat(sent.subList(3, 8)).allMatch(s -> s.at() == 75 * MS)
                .extracting(Sent::intended).containsExactly(30 * MS, 40 * MS, 50 * MS, 60 * MS, 70 * MS);
        assertThat(sent.get(8).intended()).isEqualTo(80 * MS);
        assertThat(sent.get(8).at()).isEqualTo(80 * MS);
        assertThat(clock.parkedUntil).doesNotContain(30 * MS, 40 * MS, 50 * MS, 60 * MS, 70 * MS);
    }

    @Test
    void aStalledAnswerCountsFromTheIntendedTime() {
        LatencyRecorder latency = new LatencyRecorder();

        // Due at 30 ms, sent late at 500 ms after a stall, answered 5 ms later: 475 ms, not 5 ms.
        latency.record(30 * MS, 505 * MS);
        latency.record(40 * MS, 42 * MS);

        Histogram total = latency.total();
        assertThat(total.getTotalCount()).isEqualTo(2);
        assertThat(total.getMaxValue()).isBetween(474_500L, 475_500L);
        assertThat(total.getMinValue()).isEqualTo(2_000);
    }

    @Test
    void intervalsAddUpToTheTotal() {
        LatencyRecorder latency = new LatencyRecorder();
        latency.record(0, 1 * MS);
        Histogram first = latency.interval();
        latency.record(0, 3 * MS);
        latency.record(0, 4 * MS);
        Histogram second = latency.interval();

        assertThat(first.getTotalCount()).isEqualTo(1);
        assertThat(second.getTotalCount()).isEqualTo(2);
        assertThat(latency.total().getTotalCount()).isEqualTo(3);
    }
}

package io.ottpulse.bench.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlowRequestsTest {

    private static final long BASE = System.nanoTime();

    @Test
    void groupsSlowRequestsIntoBurstsAndGivesTheMedianIntervalBetweenThem() {
        SlowRequests slow = new SlowRequests(20);
        // Three stalls 570, 600 and 540 ms apart, answered out of order; fast answers are not slow requests.
        for (long dueMillis : new long[] {1_170, 0, 10, 25, 570, 590, 1_710, 580}) {
            slow.answered(BASE + TimeUnit.MILLISECONDS.toNanos(dueMillis), 45_000);
        }
        slow.answered(BASE + TimeUnit.MILLISECONDS.toNanos(300), 20_000);

        assertEquals(8, slow.count());
        SlowRequests.Bursts bursts = slow.bursts();
        assertEquals(4, bursts.count());
        // Due times are kept in whole wall-clock milliseconds, so an interval may be off by one.
        assertEquals(570, bursts.medianIntervalMillis(), 1);
    }

    @Test
    void saysSoWhenThereIsOneBurstOrNone() {
        SlowRequests slow = new SlowRequests(20);
        assertEquals(new SlowRequests.Bursts(0, -1), slow.bursts());
        slow.answered(BASE, 30_000);
        slow.answered(BASE + TimeUnit.MILLISECONDS.toNanos(50), 30_000);
        assertEquals(new SlowRequests.Bursts(1, -1), slow.bursts());
        assertEquals("in 1 burst(s)", slow.bursts().toString());
    }
}

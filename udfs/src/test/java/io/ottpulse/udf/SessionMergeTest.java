package io.ottpulse.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.ksql.function.udaf.Udaf;
import io.confluent.ksql.util.Triple;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * For random event histories of every type (late ones included) cut into two sessions, every aggregate merged from
 * the two sessions' aggregates, stored as JSON in between, gives what one aggregate over all the events gives.
 */
class SessionMergeTest {

    private static final String[] TYPES = {"channel_switch", "heartbeat", "play", "pause", "stop", "buffering_start",
        "buffering_end", "error"};

    @Test
    void everyAggregateMergesTwoSessionsIntoWhatOneAggregateOverBothGives() {
        SplittableRandom random = new SplittableRandom(5);
        for (int run = 0; run < 200; run++) {
            List<Triple<String, String, Long>> earlier = history(random, 0);
            long gap = earlier.stream().mapToLong(Triple::getRight).max().orElse(0) + 1 + random.nextLong(600_000);
            List<Triple<String, String, Long>> later = history(random, gap);
            String why = "run " + run + ": " + render(earlier) + " then " + render(later);

            check(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE, earlier, later, why);
            check(TopChannelsUdaf.ofEvents(3), WatchTimeUdaf.AGGREGATE, earlier, later, why);
            checkDecayed(earlier, later, why);
            check(PresenceUdaf.ofEvents(), PresenceUdaf.AGGREGATE, earlier, later, why);
            check(ChannelStaysUdaf.ofEvents(), ChannelStaysUdaf.AGGREGATE, earlier, later, why);
        }
    }

    private static <O> void check(Udaf<Triple<String, String, Long>, Struct, O> udaf, String aggregateSql,
            List<Triple<String, String, Long>> earlier, List<Triple<String, String, Long>> later, String why) {
        KsqlDriver<Triple<String, String, Long>, O> driver = new KsqlDriver<>(udaf, aggregateSql);
        List<Triple<String, String, Long>> all = new ArrayList<>(earlier);
        all.addAll(later);
        String expected = String.valueOf(driver.result(all));

        assertThat(String.valueOf(driver.map(driver.merge(driver.aggregate(earlier), driver.aggregate(later)))))
                .as(why).isEqualTo(expected);
        assertThat(String.valueOf(driver.map(driver.merge(driver.aggregate(later), driver.aggregate(earlier)))))
                .as(why).isEqualTo(expected);
    }

    /** Decayed sums added in another order may differ in the last bit, so shares compare to 12 decimals. */
    private static void checkDecayed(List<Triple<String, String, Long>> earlier,
            List<Triple<String, String, Long>> later, String why) {
        KsqlDriver<Triple<String, String, Long>, List<Struct>> driver =
                new KsqlDriver<>(DecayedPreferencesUdaf.ofEvents(1, 3), DecayedPreferencesUdaf.AGGREGATE);
        List<Triple<String, String, Long>> all = new ArrayList<>(earlier);
        all.addAll(later);
        List<String> expected = rounded(driver.result(all));

        assertThat(rounded(driver.map(driver.merge(driver.aggregate(earlier), driver.aggregate(later))))).as(why)
                .isEqualTo(expected);
        assertThat(rounded(driver.map(driver.merge(driver.aggregate(later), driver.aggregate(earlier))))).as(why)
                .isEqualTo(expected);
    }

    private static List<String> rounded(List<Struct> ranked) {
        return ranked.stream().map(row -> row.get("CHANNEL") + " " + row.get("SECONDS") + " "
                + String.format(java.util.Locale.ROOT, "%.12f", (Double) row.get("SHARE"))).toList();
    }

    private static List<Triple<String, String, Long>> history(SplittableRandom random, long start) {
        List<Triple<String, String, Long>> events = new ArrayList<>();
        long time = start;
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            long at = time;
            if (random.nextInt(6) == 0 && time > start) {
                at = start + random.nextLong(time - start + 1);
            } else {
                time += random.nextInt(4) == 0 ? random.nextLong(600_000) : random.nextLong(30_000);
                at = time;
            }
            String type = TYPES[random.nextInt(TYPES.length)];
            String channel = random.nextInt(5) == 0 ? null : "ch-" + random.nextInt(3);
            events.add(Triple.of(type, channel, at));
        }
        return events;
    }

    private static String render(List<Triple<String, String, Long>> events) {
        return events.stream().map(e -> e.getLeft() + "/" + e.getMiddle() + "@" + e.getRight()).toList().toString();
    }
}

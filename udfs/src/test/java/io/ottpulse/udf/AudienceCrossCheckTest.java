package io.ottpulse.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.preferences.ChannelShare;
import io.ottpulse.activity.preferences.TopChannels;
import io.ottpulse.activity.preferences.WatchTime;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.loadgen.Audience;
import io.ottpulse.loadgen.ChannelCatalogue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * For a simulated audience (loadgen's), WATCH_TIME and TOP_CHANNELS give per viewer exactly what activity-core's
 * Presence and WatchTime rules give when the viewer's events are replayed one by one, also when some events arrive
 * late and when the viewer's events are split into two session windows that ksqlDB merges.
 */
class AudienceCrossCheckTest {

    private static final long START = 1_764_000_000_000L;
    private static final int TOP = 5;

    @Test
    void watchTimeAndTopChannelsEqualTheRulesReplayedEventByEvent() {
        Map<String, List<ActivityEvent>> byViewer = audience();
        KsqlDriver<Triple<String, String, Long>, Map<String, Long>> watchTime =
                new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE);
        KsqlDriver<Pair<String, Long>, Map<String, Long>> watchTimeOfObservations =
                new KsqlDriver<>(WatchTimeUdaf.ofObservations(), WatchTimeUdaf.AGGREGATE);
        KsqlDriver<Triple<String, String, Long>, List<Struct>> topChannels =
                new KsqlDriver<>(TopChannelsUdaf.ofEvents(TOP), WatchTimeUdaf.AGGREGATE);
        SplittableRandom random = new SplittableRandom(3);
        int viewersWithWatchTime = 0;

        for (Map.Entry<String, List<ActivityEvent>> viewer : byViewer.entrySet()) {
            List<ActivityEvent> events = viewer.getValue();
            Map<String, Long> expected = replayedSeconds(events);
            String who = viewer.getKey();

            assertThat(watchTime.result(rows(events))).as(who).isEqualTo(expected);
            assertThat(watchTimeOfObservations.result(observations(events))).as(who).isEqualTo(expected);
            assertThat(ranked(topChannels.result(rows(events)))).as(who).isEqualTo(ranked(expected));

            int cut = split(events, random);
            Struct merged = watchTime.merge(watchTime.aggregate(rows(events.subList(cut, events.size()))),
                    watchTime.aggregate(rows(events.subList(0, cut))));
            assertThat(watchTime.map(merged)).as(who + " split at " + cut).isEqualTo(expected);
            viewersWithWatchTime += expected.isEmpty() ? 0 : 1;
        }
        assertThat(byViewer).hasSize(300);
        assertThat(viewersWithWatchTime).isGreaterThan(250);
    }

    /** 300 viewers over 40 channels for 30 minutes, heartbeats every 2 minutes; one event in 20 arrives late. */
    private static Map<String, List<ActivityEvent>> audience() {
        Audience audience = new Audience(300, new ChannelCatalogue(40, 1.0), 90_000, 120_000, 60_000, START, 42);
        Map<String, List<ActivityEvent>> byViewer = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(9);
        for (ActivityEvent event : audience.eventsUntil(START + 1_800_000)) {
            List<ActivityEvent> events = byViewer.computeIfAbsent(event.userId(), user -> new ArrayList<>());
            if (!events.isEmpty() && random.nextInt(20) == 0) {
                events.add(events.size() - 1, event);
            } else {
                events.add(event);
            }
        }
        return byViewer;
    }

    /**
     * A split point such that every event before it is older than every event after it, as for two session windows;
     * 0 when there is none but the trivial one.
     */
    private static int split(List<ActivityEvent> events, SplittableRandom random) {
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 1; cut < events.size(); cut++) {
            long before = events.subList(0, cut).stream().mapToLong(ActivityEvent::timestamp).max().orElseThrow();
            long after = events.subList(cut, events.size()).stream().mapToLong(ActivityEvent::timestamp).min()
                    .orElseThrow();
            if (before < after) {
                cuts.add(cut);
            }
        }
        return cuts.isEmpty() ? 0 : cuts.get(random.nextInt(cuts.size()));
    }

    /** activity-core's rules, event by event: Presence for where the viewer is, WatchTime for what each event credits. */
    private static Map<String, Long> replayedSeconds(List<ActivityEvent> events) {
        Map<String, Long> ms = new HashMap<>();
        ViewerState state = null;
        for (ActivityEvent event : events) {
            long credit = WatchTime.creditMs(state, event.timestamp(), Presence.DEFAULT_TIMEOUT_MS);
            if (credit > 0) {
                ms.merge(state.channelId(), credit, Long::sum);
            }
            state = Presence.apply(state, event, Presence.DEFAULT_TIMEOUT_MS);
        }
        Map<String, Long> seconds = new HashMap<>();
        ms.forEach((channel, value) -> seconds.put(channel, value / 1000));
        return seconds;
    }

    private static List<String> ranked(Map<String, Long> seconds) {
        List<String> ranked = new ArrayList<>();
        for (ChannelShare share : TopChannels.of(seconds, TOP)) {
            ranked.add(share.channelId() + " " + Math.round(share.seconds()) + " " + share.share());
        }
        return ranked;
    }

    private static List<String> ranked(List<Struct> rows) {
        return rows.stream().map(row -> row.get("CHANNEL") + " " + row.get("SECONDS") + " " + row.get("SHARE")).toList();
    }

    private static List<Triple<String, String, Long>> rows(List<ActivityEvent> events) {
        return events.stream().map(e -> Triple.of(e.type().wireName(), e.channelId(), e.timestamp())).toList();
    }

    private static List<Pair<String, Long>> observations(List<ActivityEvent> events) {
        return events.stream().map(e -> Pair.of(e.channelId(), e.timestamp())).toList();
    }
}

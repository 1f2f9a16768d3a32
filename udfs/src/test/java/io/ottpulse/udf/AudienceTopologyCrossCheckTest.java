package io.ottpulse.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.preferences.ChannelShare;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.loadgen.Audience;
import io.ottpulse.loadgen.ChannelCatalogue;
import io.ottpulse.stats.viewers.UserPreferences;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For a simulated audience (loadgen's), the preferences the real stats topology publishes on ott.user-preferences equal,
 * per viewer, WATCH_TIME and TOP_CHANNELS over the same viewer's events. The tests here also pin where the two differ
 * by design (README, "Against the stats topology"): late events, an event older than a stop, the stretch after a
 * silent viewer's last event, and a resend after another event of the same millisecond.
 *
 * <p>How the topology is run so that its numbers are comparable: decay made negligible (a half-life of 10^12 hours), a
 * preferences record listing every channel of the viewer (top 100, more than the 40 channels), every viewer ending with
 * a stop a second after their last event (the topology publishes a viewer's preferences when a stay ends, so without it
 * the last record would lag behind the credits of the viewer's final stay), and, after the last event, the wall clock
 * moved just far enough for every event to leave the grace period but for no viewer to reach the viewer timeout.
 */
class AudienceTopologyCrossCheckTest {

    private static final long START = 1_764_000_000_000L;
    private static final long END = START + 1_800_000;
    private static final long HEARTBEAT_MS = 120_000;
    private static final long TIMEOUT_MS = Presence.DEFAULT_TIMEOUT_MS;
    /** Longer than the heartbeat period, the most a late event below arrives behind the viewer's next one. */
    private static final long GRACE_MS = 150_000;
    private static final int TOP = 5;
    private static final int TOPOLOGY_TOP_N = 100;
    /**
     * 10^12 hours: over the audience's 32 minutes a credit loses less than 4e-13 of itself, so a viewer's (at most
     * 1,920) decayed seconds are off by less than 1e-9 s from the plain sum.
     */
    private static final String CONFIG = "{\"viewerTimeoutSeconds\":" + TIMEOUT_MS / 1000
            + ",\"gracePeriodSeconds\":" + GRACE_MS / 1000
            + ",\"preferences\":{\"halfLifeHours\":1e12,\"topN\":" + TOPOLOGY_TOP_N + "}"
            // Not compared here, and they change nothing in the preferences: off, for a faster run.
            + ",\"channelStats\":{\"enabled\":false},\"alerts\":{\"enabled\":false}}";

    @TempDir
    Path stateDir;

    @Test
    void theTopologysPreferencesAreWatchTimeAndTopChannelsOfTheSameEvents() {
        List<ActivityEvent> events = audience();
        Map<String, UserPreferences> published;
        try (StatsTopologyDriver topology = new StatsTopologyDriver(stateDir, CONFIG, START)) {
            published = publishedAfterAll(topology, events);
        }

        assertSameNumbers(byViewer(events), published);
    }

    @Test
    void lateEventsWithinTheGracePeriodTakeTheirPlaceInTheTopologyWhileTheUdafsIgnoreThem() {
        List<ActivityEvent> inTimeOrder = audience();
        List<ActivityEvent> arrivals = withLateEvents(inTimeOrder, new SplittableRandom(9));
        long late = lateEvents(arrivals);
        Map<String, UserPreferences> published;
        try (StatsTopologyDriver topology = new StatsTopologyDriver(stateDir, CONFIG, START)) {
            published = publishedAfterAll(topology, arrivals);
            assertThat(topology.metric("late-events-dropped")).isZero();
            assertThat(topology.metric("late-events-reordered")).isEqualTo(late);
        }

        // The topology puts every late event in its place: its numbers are the UDAFs' over the events in time order.
        assertSameNumbers(byViewer(inTimeOrder), published);
        // ksqlDB hands the UDAFs rows in arrival order, and they ignore an event older than the viewer's latest.
        KsqlDriver<Triple<String, String, Long>, Map<String, Long>> watchTime =
                new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE);
        Map<String, List<ActivityEvent>> inTime = byViewer(inTimeOrder);
        long differing = byViewer(arrivals).entrySet().stream()
                .filter(viewer -> !watchTime.result(rows(viewer.getValue()))
                        .equals(watchTime.result(rows(inTime.get(viewer.getKey())))))
                .count();
        assertThat(late).isGreaterThan(200);
        assertThat(differing).isGreaterThan(50);
    }

    @Test
    void resentEventsAreDroppedByTheTopologyAndChangeNothingInTheUdafsUntilTheViewerStops() {
        List<ActivityEvent> originals = audience();
        List<ActivityEvent> arrivals = withResends(originals, new SplittableRandom(5));
        Map<String, UserPreferences> published;
        try (StatsTopologyDriver topology = new StatsTopologyDriver(stateDir, CONFIG, START)) {
            published = publishedAfterAll(topology, arrivals);
            assertThat(topology.metric("duplicate-events")).isEqualTo(arrivals.size() - originals.size());
        }
        assertThat(arrivals.size() - originals.size()).isGreaterThan(200);

        // While the viewer watches, a resend carries the time of an event already applied: it credits a zero gap, or
        // it is older than the viewer's latest and ignored. So up to each viewer's stop the resends change nothing.
        Map<String, List<ActivityEvent>> all = byViewer(arrivals);
        Map<String, List<ActivityEvent>> untilStop = new LinkedHashMap<>();
        all.forEach((viewer, events) -> untilStop.put(viewer, untilFirstStop(events)));
        assertSameNumbers(untilStop, published);
        // After the stop the viewer's state keeps no time, so the UDAFs apply a resend older than the stop (as they
        // would a late event, see anEventOlderThanAStopIsAppliedByTheUdafsAfterIt): only such viewers differ.
        KsqlDriver<Triple<String, String, Long>, Map<String, Long>> watchTime =
                new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE);
        List<String> differing = all.keySet().stream()
                .filter(viewer -> !watchTime.result(rows(all.get(viewer)))
                        .equals(watchTime.result(rows(untilStop.get(viewer)))))
                .toList();
        assertThat(differing).isNotEmpty()
                .allMatch(viewer -> untilStop.get(viewer).size() < all.get(viewer).size());
    }

    @Test
    void anEventOlderThanAStopIsAppliedByTheUdafsAfterIt() {
        List<ActivityEvent> inTimeOrder = List.of(
                event("e-1", EventType.CHANNEL_SWITCH, "ch-1", START),
                event("e-2", EventType.CHANNEL_SWITCH, "ch-2", START + 30_000),
                event("e-3", EventType.STOP, null, START + 60_000),
                event("e-4", EventType.PLAY, "ch-1", START + 100_000),
                event("e-5", EventType.STOP, null, START + 160_000));
        List<ActivityEvent> arrivals = List.of(inTimeOrder.get(0), inTimeOrder.get(2), inTimeOrder.get(1),
                inTimeOrder.get(3), inTimeOrder.get(4));
        Map<String, UserPreferences> published;
        try (StatsTopologyDriver topology = new StatsTopologyDriver(stateDir, CONFIG, START)) {
            published = publishedAfterAll(topology, arrivals);
            assertThat(topology.metric("late-events-reordered")).isEqualTo(1);
        }
        KsqlDriver<Triple<String, String, Long>, Map<String, Long>> watchTime =
                new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE);

        // The topology puts the late switch before the stop: 30 s on each channel, then the minute after the play.
        assertThat(exactMs(published.get("viewer-x"))).isEqualTo(Map.of("ch-1", 90_000L, "ch-2", 30_000L));
        assertThat(watchTime.result(rows(inTimeOrder))).isEqualTo(Map.of("ch-1", 90L, "ch-2", 30L));
        // The UDAFs, after the stop, take the late switch as the viewer coming back to ch-2 at 30 s, until the play.
        assertThat(watchTime.result(rows(arrivals))).isEqualTo(Map.of("ch-1", 120L, "ch-2", 70L));
    }

    @Test
    void onlyTheTopologyCreditsTheStretchAfterASilentViewersLastEvent() {
        List<ActivityEvent> events = List.of(
                event("e-1", EventType.CHANNEL_SWITCH, "ch-1", START),
                event("e-2", EventType.HEARTBEAT, "ch-1", START + 60_000));
        try (StatsTopologyDriver topology = new StatsTopologyDriver(stateDir, CONFIG, START)) {
            events.forEach(topology::send);

            // Both events settle, the heartbeat earns 60 s, but no stay has ended: nothing is published yet.
            topology.wallClockTo(START + 60_000 + GRACE_MS + 2_000);
            assertThat(topology.publishedPreferences()).isEmpty();

            // The viewer times out: the topology credits the timeout after the last event, and publishes.
            topology.wallClockTo(START + 60_000 + TIMEOUT_MS + 2_000);
            List<ChannelShare> channels = topology.publishedPreferences().get("viewer-x").channels();
            assertThat(channels).hasSize(1);
            assertThat(channels.get(0).channelId()).isEqualTo("ch-1");
            assertThat(channels.get(0).seconds()).isCloseTo(360, within(1e-6));
        }

        // The UDAFs see only consecutive events: the stretch after the last one is never closed.
        assertThat(new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE).result(rows(events)))
                .isEqualTo(Map.of("ch-1", 60L));
    }

    @Test
    void aResendAfterAnotherEventOfTheSameMillisecondMovesOnlyTheUdafsViewer() {
        ActivityEvent toChannelOne = event("e-1", EventType.CHANNEL_SWITCH, "ch-1", START);
        List<ActivityEvent> events = List.of(toChannelOne,
                event("e-2", EventType.CHANNEL_SWITCH, "ch-2", START),
                toChannelOne,
                event("e-3", EventType.HEARTBEAT, "ch-2", START + 60_000),
                event("e-4", EventType.STOP, null, START + 61_000));
        Map<String, UserPreferences> published;
        try (StatsTopologyDriver topology = new StatsTopologyDriver(stateDir, CONFIG, START)) {
            published = publishedAfterAll(topology, events);
            assertThat(topology.metric("duplicate-events")).isEqualTo(1);
        }

        // The topology drops the resend of e-1: the viewer stays on ch-2, which earns the minute and the second after.
        assertThat(exactMs(published.get("viewer-x"))).isEqualTo(Map.of("ch-2", 61_000L));
        // The UDAFs apply it (it is not older than the viewer's latest event): the viewer is back on ch-1 for the minute.
        assertThat(new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE).result(rows(events)))
                .isEqualTo(Map.of("ch-1", 60L, "ch-2", 1L));
    }

    /**
     * Sends the events, then moves the wall clock until every event has left the grace period (the topology's timers
     * settle them) while no viewer has yet been silent for the viewer timeout (no expiry), and returns each viewer's
     * last preferences record.
     */
    private static Map<String, UserPreferences> publishedAfterAll(StatsTopologyDriver topology,
            List<ActivityEvent> arrivals) {
        arrivals.forEach(topology::send);
        Map<String, Long> newestByViewer = new HashMap<>();
        arrivals.forEach(event -> newestByViewer.merge(event.userId(), event.timestamp(), Math::max));
        long newest = newestByViewer.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long quietest = newestByViewer.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long settleAt = newest + GRACE_MS + 2 * topology.config().channelLoad().expiryIntervalMs();
        assertThat(settleAt - quietest).as("silence before the settling timers").isLessThanOrEqualTo(TIMEOUT_MS);
        topology.wallClockTo(settleAt);
        return topology.publishedPreferences();
    }

    /**
     * Per viewer: WATCH_TIME equals the topology's seconds exactly (whole seconds of the same milliseconds); TOP_CHANNELS
     * equals the topology's channels ranked by those whole seconds (ties by channel id) with shares of the whole-second
     * total, exactly; and the topology's own ranking, by exact seconds, has the same whole seconds rank by rank, with
     * shares within channels/total seconds of TOP_CHANNELS'.
     */
    private static void assertSameNumbers(Map<String, List<ActivityEvent>> udafRows,
            Map<String, UserPreferences> published) {
        KsqlDriver<Triple<String, String, Long>, Map<String, Long>> watchTime =
                new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE);
        KsqlDriver<Triple<String, String, Long>, List<Struct>> topChannels =
                new KsqlDriver<>(TopChannelsUdaf.ofEvents(TOP), WatchTimeUdaf.AGGREGATE);
        assertThat(published).containsOnlyKeys(udafRows.keySet());
        assertThat(published).hasSize(300);
        int viewersWithFullTop = 0;

        for (Map.Entry<String, List<ActivityEvent>> viewer : udafRows.entrySet()) {
            String who = viewer.getKey();
            UserPreferences preferences = published.get(who);
            assertThat(preferences.channels()).as(who + ": the record lists every channel").hasSizeLessThan(TOPOLOGY_TOP_N);
            Map<String, Long> seconds = wholeSeconds(exactMs(preferences));

            assertThat(watchTime.result(rows(viewer.getValue()))).as(who).isEqualTo(seconds);
            List<Struct> top = topChannels.result(rows(viewer.getValue()));
            assertThat(ranked(top)).as(who).isEqualTo(rankedByWholeSeconds(seconds));

            List<ChannelShare> topologyTop = preferences.channels().stream()
                    .filter(channel -> wholeSeconds(channel) > 0).limit(TOP).toList();
            assertThat(topologyTop.stream().map(AudienceTopologyCrossCheckTest::wholeSeconds).toList()).as(who)
                    .isEqualTo(top.stream().map(row -> row.getInt64("SECONDS")).toList());
            // With s exact and f whole seconds of a channel, S and F the totals, k channels: s/S - f/F lies within k/S.
            double totalSeconds = preferences.channels().stream().mapToDouble(ChannelShare::seconds).sum();
            double tolerance = preferences.channels().size() / totalSeconds;
            Map<String, Double> topologyShares = new HashMap<>();
            preferences.channels().forEach(channel -> topologyShares.put(channel.channelId(), channel.share()));
            for (Struct row : top) {
                assertThat(row.getFloat64("SHARE")).as(who + " " + row.getString("CHANNEL"))
                        .isCloseTo(topologyShares.get(row.getString("CHANNEL")), within(tolerance));
            }
            viewersWithFullTop += top.size() == TOP ? 1 : 0;
        }
        assertThat(viewersWithFullTop).isGreaterThan(250);
    }

    /**
     * The topology's milliseconds per channel. Its seconds are sums of whole milliseconds / 1000 with negligible decay
     * (see CONFIG), so the milliseconds are their nearest integer, far closer than half a millisecond.
     */
    private static Map<String, Long> exactMs(UserPreferences preferences) {
        Map<String, Long> ms = new HashMap<>();
        for (ChannelShare channel : preferences.channels()) {
            long rounded = Math.round(channel.seconds() * 1000);
            assertThat(channel.seconds() * 1000).isCloseTo(rounded, within(1e-3));
            ms.put(channel.channelId(), rounded);
        }
        return ms;
    }

    private static Map<String, Long> wholeSeconds(Map<String, Long> ms) {
        Map<String, Long> seconds = new HashMap<>();
        ms.forEach((channel, value) -> seconds.put(channel, value / 1000));
        return seconds;
    }

    private static long wholeSeconds(ChannelShare channel) {
        return Math.round(channel.seconds() * 1000) / 1000;
    }

    /** TOP_CHANNELS' ranking written out: by whole seconds, most first, ties by channel id, shares of the total. */
    private static List<String> rankedByWholeSeconds(Map<String, Long> seconds) {
        long total = seconds.values().stream().mapToLong(Long::longValue).sum();
        return seconds.entrySet().stream()
                .filter(channel -> channel.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(channel -> channel.getKey() + " " + channel.getValue() + " " + (double) channel.getValue() / total)
                .toList();
    }

    private static List<String> ranked(List<Struct> rows) {
        return rows.stream().map(row -> row.get("CHANNEL") + " " + row.get("SECONDS") + " " + row.get("SHARE")).toList();
    }

    /**
     * 300 viewers over 40 channels for 30 minutes, switching every 90 s on average, heartbeats every 2 minutes, each
     * stopping a second after their last event; in time order.
     */
    private static List<ActivityEvent> audience() {
        Audience audience = new Audience(300, new ChannelCatalogue(40, 1.0), 90_000, HEARTBEAT_MS, 60_000, START, 42);
        List<ActivityEvent> events = new ArrayList<>(audience.eventsUntil(END));
        Map<String, Long> newestByViewer = new LinkedHashMap<>();
        events.forEach(event -> newestByViewer.merge(event.userId(), event.timestamp(), Math::max));
        newestByViewer.forEach((viewer, newest) -> events.add(new ActivityEvent("stop-" + viewer, viewer, null, null,
                EventType.STOP, null, newest + 1_000, null)));
        events.sort(Comparator.comparingLong(ActivityEvent::timestamp));
        return events;
    }

    /**
     * One event in 20 arrives right after the viewer's next event instead of before it: late by that gap (at most a
     * heartbeat period, under the grace period).
     */
    private static List<ActivityEvent> withLateEvents(List<ActivityEvent> inTimeOrder, SplittableRandom random) {
        List<ActivityEvent> arrivals = new ArrayList<>();
        Map<String, ActivityEvent> held = new HashMap<>();
        for (ActivityEvent event : inTimeOrder) {
            ActivityEvent earlier = held.remove(event.userId());
            if (earlier != null) {
                arrivals.add(event);
                arrivals.add(earlier);
            } else if (event.type() != EventType.STOP && random.nextInt(20) == 0) {
                held.put(event.userId(), event);
            } else {
                arrivals.add(event);
            }
        }
        assertThat(held).isEmpty();
        return arrivals;
    }

    /** Events older than an earlier arrival of the same viewer. */
    private static long lateEvents(List<ActivityEvent> arrivals) {
        Map<String, Long> newest = new HashMap<>();
        long late = 0;
        for (ActivityEvent event : arrivals) {
            long before = newest.getOrDefault(event.userId(), Long.MIN_VALUE);
            late += before > event.timestamp() ? 1 : 0;
            newest.put(event.userId(), Math.max(before, event.timestamp()));
        }
        return late;
    }

    /** One event in 20 is sent again (same eventId), right away or after up to 30 other events, as a client retries. */
    private static List<ActivityEvent> withResends(List<ActivityEvent> originals, SplittableRandom random) {
        List<ActivityEvent> arrivals = new ArrayList<>();
        Map<Integer, List<ActivityEvent>> resendAt = new HashMap<>();
        for (int at = 0; at < originals.size(); at++) {
            ActivityEvent event = originals.get(at);
            arrivals.add(event);
            if (random.nextInt(20) == 0) {
                resendAt.computeIfAbsent(at + random.nextInt(31), position -> new ArrayList<>()).add(event);
            }
            arrivals.addAll(resendAt.getOrDefault(at, List.of()));
        }
        resendAt.forEach((position, events) -> {
            if (position >= originals.size()) {
                arrivals.addAll(events);
            }
        });
        return arrivals;
    }

    /** The events up to and including the first stop. */
    private static List<ActivityEvent> untilFirstStop(List<ActivityEvent> events) {
        for (int at = 0; at < events.size(); at++) {
            if (events.get(at).type() == EventType.STOP) {
                return events.subList(0, at + 1);
            }
        }
        return events;
    }

    private static Map<String, List<ActivityEvent>> byViewer(List<ActivityEvent> events) {
        Map<String, List<ActivityEvent>> byViewer = new LinkedHashMap<>();
        events.forEach(event -> byViewer.computeIfAbsent(event.userId(), viewer -> new ArrayList<>()).add(event));
        return byViewer;
    }

    private static ActivityEvent event(String eventId, EventType type, String channel, long at) {
        return new ActivityEvent(eventId, "viewer-x", null, null, type, channel, at, null);
    }

    private static List<Triple<String, String, Long>> rows(List<ActivityEvent> events) {
        return events.stream().map(e -> Triple.of(e.type().wireName(), e.channelId(), e.timestamp())).toList();
    }
}

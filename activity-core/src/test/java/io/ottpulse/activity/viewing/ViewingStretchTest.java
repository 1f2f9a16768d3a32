package io.ottpulse.activity.viewing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.preferences.WatchTime;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.presence.ViewerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ViewingStretchTest {

    private static final long T = 300_000;
    private static final double HALF_LIFE = 3_600_000;
    private static final EventType[] TYPES = EventType.values();

    @Test
    void aStretchGivesWhatThePresenceAndWatchTimeRulesGiveEventByEvent() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 500; run++) {
            List<ViewingEvent> events = events(random, 0, 1 + random.nextInt(40));

            assertThat(fold(events).result(WatchedMs::new).byChannel()).as("run %d: %s", run, events)
                    .isEqualTo(referenceWatchedMs(events));
            assertThat(fold(events).presence()).as("run %d: %s", run, events).isEqualTo(referencePresence(events));
        }
    }

    @Test
    void joiningTwoConsecutiveStretchesGivesWhatOneStretchOverAllTheirEventsGives() {
        SplittableRandom random = new SplittableRandom(11);
        for (int run = 0; run < 2_000; run++) {
            List<ViewingEvent> earlier = events(random, 0, random.nextInt(12));
            long after = earlier.stream().mapToLong(ViewingEvent::timestamp).max().orElse(0) + 1
                    + random.nextLong(2 * T);
            List<ViewingEvent> later = events(random, after, random.nextInt(12));
            List<ViewingEvent> all = new ArrayList<>(earlier);
            all.addAll(later);

            String why = "run " + run + ": " + earlier + " then " + later;
            assertThat(joined(earlier, later, WatchedMs::new).result(WatchedMs::new).byChannel()).as(why)
                    .isEqualTo(referenceWatchedMs(all));
            assertThat(joined(earlier, later, ChannelStays::new).result(ChannelStays::new).stays()).as(why)
                    .isEqualTo(fold(all, ChannelStays::new).result(ChannelStays::new).stays());
            assertThat(joined(earlier, later, PresenceOnly::new).presence()).as(why).isEqualTo(referencePresence(all));
            Map<String, Double> decayed = joined(earlier, later, () -> new DecayedWatch(HALF_LIFE))
                    .result(() -> new DecayedWatch(HALF_LIFE)).scores().at(10 * T);
            Map<String, Double> expected = fold(all, () -> new DecayedWatch(HALF_LIFE))
                    .result(() -> new DecayedWatch(HALF_LIFE)).scores().at(10 * T);
            assertThat(decayed.keySet()).as(why).isEqualTo(expected.keySet());
            expected.forEach((channel, score) -> assertThat(decayed.get(channel)).as(why).isCloseTo(score, within(1e-6)));
        }
    }

    @Test
    void bufferingAtTheStartOfALaterStretchContinuesTheEarlierChannel() {
        List<ViewingEvent> earlier = List.of(event(EventType.CHANNEL_SWITCH, "a", 0));
        List<ViewingEvent> later = List.of(event(EventType.BUFFERING_START, null, 100_000),
                event(EventType.BUFFERING_END, null, 110_000), event(EventType.CHANNEL_SWITCH, "b", 130_000),
                event(EventType.HEARTBEAT, "b", 190_000));

        ViewingStretch<ChannelStays> alone = fold(later, ChannelStays::new);
        assertThat(alone.result(ChannelStays::new).stays()).containsExactly(
                new ChannelStay("b", 130_000L, 60_000, ChannelStay.Exit.OPEN));
        assertThat(alone.lead()).hasSize(3);

        assertThat(joined(earlier, later, ChannelStays::new).result(ChannelStays::new).stays()).containsExactly(
                new ChannelStay("a", 0L, 130_000, ChannelStay.Exit.SWITCH),
                new ChannelStay("b", 130_000L, 60_000, ChannelStay.Exit.OPEN));
    }

    @Test
    void aStayThatGoesOnAcrossTheJoinKeepsItsEntryTime() {
        List<ViewingEvent> earlier = List.of(event(EventType.PLAY, "a", 0), event(EventType.HEARTBEAT, "a", 60_000));
        List<ViewingEvent> later = List.of(event(EventType.ERROR, null, 120_000), event(EventType.HEARTBEAT, "a", 180_000),
                event(EventType.HEARTBEAT, "a", 240_000));

        ViewingStretch<ChannelStays> stretch = joined(earlier, later, ChannelStays::new);

        assertThat(stretch.presence()).isEqualTo(new ViewerState("a", 0, 240_000));
        assertThat(stretch.result(ChannelStays::new).stays()).containsExactly(
                new ChannelStay("a", 0L, 240_000, ChannelStay.Exit.OPEN));
    }

    @Test
    void aSwitchOrStopClosesTheLeadAtOnce() {
        ViewingStretch<WatchedMs> stretch = fold(List.of(event(EventType.CHANNEL_SWITCH, "a", 0),
                event(EventType.HEARTBEAT, "a", 60_000)), WatchedMs::new);

        assertThat(stretch.converged()).isTrue();
        assertThat(stretch.lead()).hasSize(1);
        assertThat(stretch.tail().byChannel()).containsEntry("a", 60_000L);
        assertThat(fold(List.of(event(EventType.STOP, null, 0)), WatchedMs::new).converged()).isTrue();
    }

    @Test
    void anEndlessRunOfBufferingIsCutAtTheLeadLimit() {
        List<ViewingEvent> events = new ArrayList<>();
        for (int i = 0; i < ViewingStretch.MAX_LEAD + 10; i++) {
            events.add(event(EventType.BUFFERING_START, null, i * 1_000L));
        }

        ViewingStretch<WatchedMs> stretch = fold(events, WatchedMs::new);

        assertThat(stretch.converged()).isTrue();
        assertThat(stretch.lead()).hasSize(ViewingStretch.MAX_LEAD);
        assertThat(stretch.presence()).isNull();
    }

    @Test
    void unusableEventsAndEmptyStretchesChangeNothing() {
        ViewingStretch<WatchedMs> stretch = fold(List.of(event(EventType.CHANNEL_SWITCH, null, 0),
                event(EventType.PLAY, "a", 1_000), event(EventType.HEARTBEAT, null, 2_000),
                event(EventType.HEARTBEAT, "a", 31_000)), WatchedMs::new);
        ViewingStretch<WatchedMs> empty = new ViewingStretch<>(T);

        assertThat(stretch.result(WatchedMs::new).byChannel()).isEqualTo(Map.of("a", 30_000L));
        assertThat(ViewingStretch.join(empty, stretch).result(WatchedMs::new).byChannel()).isEqualTo(Map.of("a", 30_000L));
        assertThat(ViewingStretch.join(stretch, empty).result(WatchedMs::new).byChannel()).isEqualTo(Map.of("a", 30_000L));
        assertThat(empty.result(WatchedMs::new).byChannel()).isEmpty();
        assertThat(empty.presence()).isNull();
    }

    /** Events of one viewer from {@code start}: mostly in order, some late, every type, channels a to c. */
    private static List<ViewingEvent> events(SplittableRandom random, long start, int count) {
        List<ViewingEvent> events = new ArrayList<>();
        long time = start;
        for (int i = 0; i < count; i++) {
            long at = time;
            if (random.nextInt(6) == 0 && time > start) {
                at = start + random.nextLong(time - start + 1);
            } else {
                time += random.nextInt(4) == 0 ? random.nextLong(2 * T) : random.nextLong(T / 10);
                at = time;
            }
            EventType type = TYPES[random.nextInt(TYPES.length)];
            String channel = type.requiresChannel() || random.nextBoolean() ? "abc".charAt(random.nextInt(3)) + "" : null;
            events.add(new ViewingEvent(type, channel, at));
        }
        return events;
    }

    private static ViewingEvent event(EventType type, String channel, long at) {
        return new ViewingEvent(type, channel, at);
    }

    private static ViewingStretch<WatchedMs> fold(List<ViewingEvent> events) {
        return fold(events, WatchedMs::new);
    }

    private static <L extends ViewingLedger<L>> ViewingStretch<L> fold(List<ViewingEvent> events,
            Supplier<L> ledger) {
        ViewingStretch<L> stretch = new ViewingStretch<>(T);
        events.forEach(event -> stretch.add(event, ledger));
        return stretch;
    }

    private static <L extends ViewingLedger<L>> ViewingStretch<L> joined(List<ViewingEvent> earlier,
            List<ViewingEvent> later, Supplier<L> ledger) {
        ViewingStretch<L> first = fold(earlier, ledger);
        ViewingStretch<L> second = fold(later, ledger);
        ViewingStretch<L> result = ViewingStretch.join(first, second);
        assertThat(first.lead()).isEqualTo(fold(earlier, ledger).lead());
        return result;
    }

    /** The rules applied the plain way: Presence for the state, WatchTime for what each event credits. */
    private static Map<String, Long> referenceWatchedMs(List<ViewingEvent> events) {
        Map<String, Long> watched = new HashMap<>();
        ViewerState state = null;
        for (ViewingEvent event : events) {
            if (!event.usable()) {
                continue;
            }
            long credit = WatchTime.creditMs(state, event.timestamp(), T);
            if (credit > 0) {
                watched.merge(state.channelId(), credit, Long::sum);
            }
            state = Presence.apply(state, event.type(), event.channelId(), event.timestamp(), T);
        }
        return watched;
    }

    private static ViewerState referencePresence(List<ViewingEvent> events) {
        ViewerState state = null;
        for (ViewingEvent event : events) {
            if (event.usable()) {
                state = Presence.apply(state, event.type(), event.channelId(), event.timestamp(), T);
            }
        }
        return state;
    }
}

package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.presence.ViewerState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AudienceTest {

    @Test
    void everyViewerTunesInDuringTheRampUp() {
        Audience audience = new Audience(1_000, new ChannelCatalogue(20, 1.0), 60_000, 0, 10_000, 0, 7);

        List<ActivityEvent> events = audience.eventsUntil(10_000);

        assertThat(events).allMatch(e -> e.type() == EventType.CHANNEL_SWITCH);
        assertThat(events.stream().map(ActivityEvent::userId).distinct()).hasSize(1_000);
        assertThat(audience.groundTruth().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000);
    }

    @Test
    void groundTruthIsTheLastSwitchOfEachViewer() {
        Audience audience = new Audience(500, new ChannelCatalogue(10, 1.0), 5_000, 2_000, 1_000, 0, 3);
        Map<String, String> lastChannel = new HashMap<>();

        for (long t = 0; t <= 60_000; t += 100) {
            audience.eventsUntil(t).forEach(e -> lastChannel.put(e.userId(), e.channelId()));
        }

        Map<String, Long> replayed = new TreeMap<>();
        lastChannel.values().forEach(channel -> replayed.merge(channel, 1L, Long::sum));
        assertThat(audience.groundTruth()).isEqualTo(replayed);
    }

    @Test
    void switchesHappenAtTheConfiguredMeanRate() {
        Audience audience = new Audience(2_000, new ChannelCatalogue(50, 1.0), 10_000, 0, 0, 0, 11);
        audience.eventsUntil(0);

        long switches = audience.eventsUntil(100_000).size();

        // 2,000 viewers switching every 10 s on average for 100 s: about 20,000 switches.
        assertThat(switches).isBetween(19_000L, 21_000L);
    }

    @Test
    void heartbeatsFillLongStaysAndKeepTheChannel() {
        Audience audience = new Audience(100, new ChannelCatalogue(5, 1.0), 600_000, 30_000, 0, 0, 5);
        Map<String, String> channelOf = new HashMap<>();
        audience.eventsUntil(0).forEach(e -> channelOf.put(e.userId(), e.channelId()));

        List<ActivityEvent> heartbeats = audience.eventsUntil(30_000).stream()
                .filter(e -> e.type() == EventType.HEARTBEAT).toList();

        assertThat(heartbeats).isNotEmpty().allMatch(e -> e.channelId().equals(channelOf.get(e.userId())));
    }

    @Test
    void popularChannelsAreChosenMoreOften() {
        ChannelCatalogue catalogue = new ChannelCatalogue(100, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(catalogue.pick(random), 1, Integer::sum);
        }

        assertThat(counts.get("ch-1")).isGreaterThan(counts.get("ch-2")).isGreaterThan(counts.get("ch-10") * 5);
        assertThat(catalogue.pickOther(random, "ch-1")).isNotEqualTo("ch-1");
    }

    @Test
    void nextTakesEventsInTheAudiencesOwnOrderStampedByTheSender() {
        Audience audience = new Audience(100, new ChannelCatalogue(10, 1.0), 5_000, 2_000, 1_000, 0, 3);
        Audience twin = new Audience(100, new ChannelCatalogue(10, 1.0), 5_000, 2_000, 1_000, 0, 3);
        List<ActivityEvent> byTime = twin.eventsUntil(20_000);

        for (int i = 0; i < byTime.size(); i++) {
            SimulatedEvent next = audience.next(123_456L + i);
            assertThat(next.sequence()).isEqualTo(i);
            assertThat(next.event().eventId()).isEqualTo(audience.runId() + "-" + i);
            assertThat(next.event().userId()).isEqualTo("viewer-" + next.viewer()).isEqualTo(byTime.get(i).userId());
            assertThat(next.event().channelId()).isEqualTo(byTime.get(i).channelId());
            assertThat(next.event().timestamp()).isEqualTo(123_456L + i);
        }
        assertThat(audience.groundTruth()).isEqualTo(twin.groundTruth());
    }

    @Test
    void naturalRateCountsSwitchesAndTheHeartbeatsBetweenThem() {
        Audience switchesOnly = new Audience(6_000, new ChannelCatalogue(10, 1.0), 60_000, 0, 0, 0, 1);
        Audience withHeartbeats = new Audience(6_000, new ChannelCatalogue(10, 1.0), 60_000, 30_000, 0, 0, 1);
        withHeartbeats.eventsUntil(0);

        assertThat(switchesOnly.naturalEventsPerSecond()).isEqualTo(100.0);
        // 1 / (1 - e^-0.5) events per stay, 100 stays/s: about 254.15 events/s; the simulated audience agrees within 2%.
        assertThat(withHeartbeats.naturalEventsPerSecond()).isCloseTo(254.15, offset(0.01));
        double simulated = withHeartbeats.eventsUntil(600_000).size() / 600.0;
        assertThat(simulated).isCloseTo(254.15, withPercentage(2));
    }

    private static final Habits REALISTIC = Habits.of(20_000, 0.6, 3_000, 0.05, 10_000, 0.03, 60_000);

    @Test
    void groundTruthWithPausesAndStopsIsThePresenceRulesReplayed() {
        Audience audience = new Audience(1_000, new ChannelCatalogue(20, 1.0), REALISTIC, 15_000, 5_000, 0, 9);
        Map<String, ViewerState> presence = new HashMap<>();
        Map<EventType, Integer> types = new HashMap<>();

        for (long t = 0; t <= 600_000; t += 1_000) {
            for (ActivityEvent event : audience.eventsUntil(t)) {
                types.merge(event.type(), 1, Integer::sum);
                presence.compute(event.userId(), (user, state) -> Presence.apply(state, event, Long.MAX_VALUE));
            }
            if (t % 50_000 == 0) {
                Map<String, Long> replayed = new TreeMap<>();
                presence.values().stream().filter(java.util.Objects::nonNull)
                        .forEach(state -> replayed.merge(state.channelId(), 1L, Long::sum));
                assertThat(audience.groundTruth()).as("at %d ms", t).isEqualTo(replayed);
            }
        }
        assertThat(types).containsKeys(EventType.CHANNEL_SWITCH, EventType.HEARTBEAT, EventType.PAUSE,
                EventType.PLAY, EventType.STOP);
    }

    @Test
    void aPauseResumesOnItsChannelAndAStopReturnsWithATuneIn() {
        Audience audience = new Audience(500, new ChannelCatalogue(20, 1.0), REALISTIC, 0, 0, 0, 4);
        Map<String, ActivityEvent> previous = new HashMap<>();

        for (ActivityEvent event : audience.eventsUntil(1_200_000)) {
            ActivityEvent before = previous.put(event.userId(), event);
            if (event.type() == EventType.PLAY) {
                assertThat(before.type()).isEqualTo(EventType.PAUSE);
                assertThat(event.channelId()).isEqualTo(before.channelId());
            }
            if (before != null && before.type() == EventType.STOP) {
                assertThat(event.type()).isEqualTo(EventType.CHANNEL_SWITCH);
            }
            if (before != null && before.type() == EventType.PAUSE) {
                assertThat(event.type()).isEqualTo(EventType.PLAY);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameAudience() {
        Audience one = new Audience(300, new ChannelCatalogue(20, 1.0), REALISTIC, 15_000, 5_000, 0, 21);
        Audience two = new Audience(300, new ChannelCatalogue(20, 1.0), REALISTIC, 15_000, 5_000, 0, 21);
        Audience other = new Audience(300, new ChannelCatalogue(20, 1.0), REALISTIC, 15_000, 5_000, 0, 22);

        List<ActivityEvent> events = one.eventsUntil(300_000);

        assertThat(two.eventsUntil(300_000)).isEqualTo(events);
        assertThat(other.eventsUntil(300_000)).isNotEqualTo(events);
    }

    @Test
    void endingsAndTheRealisticNaturalRateMatchTheSimulation() {
        Audience audience = new Audience(4_000, new ChannelCatalogue(20, 1.0), REALISTIC, 15_000, 0, 0, 12);
        audience.eventsUntil(600_000);
        Map<EventType, Integer> types = new HashMap<>();

        List<ActivityEvent> steady = audience.eventsUntil(1_800_000);
        steady.forEach(event -> types.merge(event.type(), 1, Integer::sum));

        // Stays end in a pause 5% of the time and in a stop 3%: counted against the stays that ended.
        double endings = types.get(EventType.CHANNEL_SWITCH) - types.get(EventType.STOP) + types.get(EventType.PAUSE)
                + types.get(EventType.STOP);
        assertThat(types.get(EventType.PAUSE) / endings).isCloseTo(0.05, offset(0.005));
        assertThat(types.get(EventType.STOP) / endings).isCloseTo(0.03, offset(0.004));
        assertThat(steady.size() / 1_200.0).isCloseTo(audience.naturalEventsPerSecond(), withPercentage(2));
    }
}

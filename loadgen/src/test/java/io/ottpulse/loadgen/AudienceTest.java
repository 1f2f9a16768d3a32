package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
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
}

package io.ottpulse.stats.topology;

import static io.ottpulse.stats.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.viewers.ViewerProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLoadTest {

    @TempDir
    Path stateDir;

    private TopologyFixture topology;
    private TestOutputTopic<String, String> output;

    @BeforeEach
    void setUp() {
        topology = new TopologyFixture(stateDir, "{\"gracePeriodSeconds\":5,\"channelLoad\":{\"expiryIntervalMs\":1000}}");
        output = topology.output("ott.channel-load");
    }

    @AfterEach
    void tearDown() {
        topology.close();
    }

    @Test
    void switchesMoveViewersBetweenChannelsAtOnce() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u2", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(1));
        topology.send("u3", EventType.PLAY, "b", START.plusSeconds(2));
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(3));

        assertThat(topology.load()).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(output.readKeyValuesToMap()).containsEntry("a", "{\"channelId\":\"a\",\"viewers\":1}")
                .containsEntry("b", "{\"channelId\":\"b\",\"viewers\":2}");
    }

    @Test
    void heartbeatsOnTheSameChannelChangeNothing() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        output.readKeyValuesToList();
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(30));
        topology.send("u1", EventType.BUFFERING_START, null, START.plusSeconds(31));

        assertThat(output.isEmpty()).isTrue();
        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void pauseAndStopTakeTheViewerOff() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u2", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u1", EventType.PAUSE, null, START.plusSeconds(5));
        topology.send("u2", EventType.STOP, null, START.plusSeconds(6));

        assertThat(topology.load()).isEmpty();
        assertThat(output.readKeyValuesToList()).last().isEqualTo(KeyValue.pair("a", "{\"channelId\":\"a\",\"viewers\":0}"));
    }

    @Test
    void silentViewersExpireOnTheWallClockEvenWithoutNewEvents() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u2", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(200));

        topology.driver.advanceWallClockTime(Duration.ofSeconds(302));
        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));

        topology.driver.advanceWallClockTime(Duration.ofSeconds(200));
        assertThat(topology.load()).isEmpty();
    }

    @Test
    void aTaskCatchingUpOnABacklogExpiresByItsOwnLagNotByTheWallClock() {
        topology.driver.advanceWallClockTime(Duration.ofHours(1));
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(200));
        // By the wall clock u1 has been silent for an hour; the task is an hour behind, so only 200 s have passed.
        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));

        topology.send("u2", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(100));
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(240));
        topology.driver.advanceWallClockTime(Duration.ofSeconds(100));
        assertThat(topology.load()).isEqualTo(Map.of("a", 1L, "b", 1L));

        // The partition falls quiet: the wall clock, less the same lag, expires both.
        topology.driver.advanceWallClockTime(Duration.ofSeconds(600));
        assertThat(topology.load()).isEmpty();
    }

    @Test
    void aTaskThatWorkedOffItsBacklogExpiresByTheWallClock() {
        topology.driver.advanceWallClockTime(Duration.ofHours(1));
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(1));
        // A record came since the last tick: the task may still be catching up, so it keeps its hour of lag.
        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));

        // A whole tick without a record: nothing more to read, and u1's switch is an hour old by the wall clock.
        topology.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(topology.load()).isEmpty();
    }

    @Test
    void aWholeAudienceFallingSilentExpiresOverConsecutiveTicksNotInOne() {
        int audience = ViewerProcessor.MAX_TIMERS_PER_TICK + 5_000;
        for (int i = 0; i < audience; i++) {
            topology.send("u" + i, EventType.CHANNEL_SWITCH, "a", START);
        }
        assertThat(topology.load()).isEqualTo(Map.of("a", (long) audience));

        topology.driver.advanceWallClockTime(Duration.ofSeconds(301));
        assertThat(topology.load()).isEqualTo(Map.of("a", 5_000L));

        topology.driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(topology.load()).isEmpty();
    }

    @Test
    void aLateEventWithinTheGracePeriodTakesItsPlace() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u1", EventType.BUFFERING_START, null, START.plusSeconds(10));
        // Sent before the buffering, arriving after it: the viewer was on b then, and buffering keeps b.
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(8));

        assertThat(topology.load()).isEqualTo(Map.of("b", 1L));
        assertThat(topology.metric("late-events-reordered")).isEqualTo(1);
    }

    @Test
    void anEventLaterThanTheGracePeriodIsCountedAndDropped() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(30));
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(60));
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(20));

        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));
        assertThat(topology.metric("late-events-dropped")).isEqualTo(1);
    }

    @Test
    void aResentEventChangesNothing() {
        ActivityEvent tuneIn = new ActivityEvent("same-id", "u1", null, null, EventType.CHANNEL_SWITCH, "a",
                START.toEpochMilli(), null);
        topology.send(tuneIn);
        topology.send("u1", EventType.STOP, null, START.plusSeconds(1));
        topology.send(tuneIn);

        assertThat(topology.load()).isEmpty();
        assertThat(topology.metric("duplicate-events")).isEqualTo(1);
    }

    @Test
    void aResendWithinTheDedupWindowIsDroppedWhateverItsTimestamp() {
        topology.send(switchTo("a", "same-id", START));
        topology.send("u1", EventType.STOP, null, START.plusSeconds(1));
        topology.send(switchTo("a", "same-id", START.plusSeconds(600)));

        assertThat(topology.load()).isEmpty();
        assertThat(topology.metric("duplicate-events")).isEqualTo(1);
    }

    @Test
    void anEventIdRepeatedBeyondTheDedupWindowIsANewEvent() {
        topology.send(switchTo("a", "same-id", START));
        topology.send("u1", EventType.STOP, null, START.plusSeconds(1));
        topology.send(switchTo("a", "same-id", START.plusSeconds(601)));

        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));
        assertThat(topology.metric("duplicate-events")).isZero();
    }

    @Test
    void aResendAfterTheViewerTimedOutIsDroppedUntilItsIdIsForgotten() {
        KeyValueStore<String, Object> viewers = topology.driver.getKeyValueStore(StatsStores.VIEWERS);
        topology.send(switchTo("a", "same-id", START));
        topology.driver.advanceWallClockTime(Duration.ofSeconds(302));
        assertThat(topology.load()).isEmpty();

        topology.send(switchTo("a", "same-id", START));
        assertThat(topology.load()).isEmpty();
        assertThat(topology.metric("duplicate-events")).isEqualTo(1);
        assertThat(viewers.get("u1")).isNotNull();

        // Twice the dedup window past the event, the departed viewer's ids go, and the viewer with them.
        topology.driver.advanceWallClockTime(Duration.ofSeconds(1_202));
        assertThat(viewers.get("u1")).isNull();
    }

    private static ActivityEvent switchTo(String channel, String eventId, Instant time) {
        return new ActivityEvent(eventId, "u1", null, null, EventType.CHANNEL_SWITCH, channel, time.toEpochMilli(), null);
    }

    @Test
    void invalidRecordsAreSkipped() {
        topology.driver.createInputTopic("ott.activity", new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer()).pipeInput("u1", "not json");
        topology.send("u2", EventType.CHANNEL_SWITCH, "a", START);

        assertThat(topology.load()).isEqualTo(Map.of("a", 1L));
    }
}

package io.ottpulse.stats.topology;

import static io.ottpulse.stats.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.preferences.DecayedScores;
import io.ottpulse.stats.StatsStores;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final double DAY_MS = 86_400_000;

    @TempDir
    Path stateDir;

    private TopologyFixture topology;

    @BeforeEach
    void setUp() {
        topology = new TopologyFixture(stateDir, "{\"gracePeriodSeconds\":5,\"preferences\":{\"halfLifeHours\":24}}");
    }

    @AfterEach
    void tearDown() {
        topology.close();
    }

    private DecayedScores stored(String user) {
        KeyValueStore<String, DecayedScores> store = topology.driver.getKeyValueStore(StatsStores.USER_PREFERENCES);
        return store.get(user);
    }

    @Test
    void watchTimeIsCreditedToTheChannelOnceItsEventsSettle() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(60));
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(90));
        // The switch to b is still within the grace period: a has earned 60 s (the heartbeat), not yet the next 30.
        assertThat(stored("u1").at(START.plusSeconds(60).toEpochMilli())).containsOnlyKeys("a");
        assertThat(stored("u1").at(START.plusSeconds(60).toEpochMilli()).get("a")).isCloseTo(60, within(1e-6));

        topology.send("u1", EventType.HEARTBEAT, "b", START.plusSeconds(150));
        topology.send("u1", EventType.STOP, null, START.plusSeconds(200));

        DecayedScores scores = stored("u1");
        long asOf = START.plusSeconds(150).toEpochMilli();
        assertThat(scores.at(asOf).get("a")).isCloseTo(
                60 * Math.pow(0.5, 90_000 / DAY_MS) + 30 * Math.pow(0.5, 60_000 / DAY_MS), within(1e-6));
        assertThat(scores.at(asOf).get("b")).isCloseTo(60, within(1e-6));
    }

    @Test
    void aGapLongerThanTheTimeoutEarnsTheTimeoutAndAStopEndsTheCredit() {
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(1000));
        topology.send("u1", EventType.STOP, null, START.plusSeconds(1100));
        topology.send("u1", EventType.PLAY, "a", START.plusSeconds(5000));
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(6000));

        long asOf = START.plusSeconds(5000).toEpochMilli();
        double earned = 300 * Math.pow(0.5, (asOf - START.plusSeconds(1000).toEpochMilli()) / DAY_MS)
                + 100 * Math.pow(0.5, (asOf - START.plusSeconds(1100).toEpochMilli()) / DAY_MS);
        assertThat(stored("u1").at(asOf).get("a")).isCloseTo(earned, within(1e-6));
    }

    @Test
    void endedStaysPublishTheTopChannelsWithShares() throws Exception {
        TestOutputTopic<String, String> output = topology.output("ott.user-preferences");
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START);
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(30));
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(40));
        topology.send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(100));

        List<String> published = output.readValuesToList();
        assertThat(published).hasSize(2);
        JsonNode latest = JSON.readTree(published.get(1));
        assertThat(latest.path("userId").asText()).isEqualTo("u1");
        assertThat(latest.path("channels")).extracting(channel -> channel.path("channelId").asText())
                .containsExactly("a", "b");
        assertThat(latest.path("channels").get(0).path("seconds").asDouble()).isCloseTo(30, within(0.01));
        assertThat(latest.path("channels").get(0).path("share").asDouble()).isCloseTo(0.75, within(0.001));
        assertThat(latest.path("channels").get(1).path("seconds").asDouble()).isEqualTo(10);
    }
}

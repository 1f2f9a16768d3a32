package io.ottpulse.stats.topology;

import static io.ottpulse.stats.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.StatsStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private TopologyFixture topology;
    private TestOutputTopic<String, String> alerts;
    private Instant now = START;

    @BeforeEach
    void setUp() {
        topology = new TopologyFixture(stateDir, "{\"alerts\":{\"evaluationIntervalSeconds\":10,\"baselineMinutes\":3,"
                + "\"minViewers\":25,\"dropRatio\":0.5,\"outageShare\":0.5}}");
        alerts = topology.output("ott.alerts");
    }

    @AfterEach
    void tearDown() {
        topology.close();
    }

    /** Puts viewers on channels with heartbeats, as players do, then lets a minute of wall clock pass. */
    private void minute(String channel, int fromUser, int toUser) {
        for (int user = fromUser; user < toUser; user++) {
            topology.send("u" + user, EventType.HEARTBEAT, channel, now);
        }
        now = now.plusSeconds(60);
        topology.driver.advanceWallClockTime(Duration.ofSeconds(60));
    }

    private void steadyAudience() {
        for (int i = 0; i < 4; i++) {
            minute("news", 0, 40);
            minute("sport", 40, 60);
        }
    }

    private List<JsonNode> alerts() throws Exception {
        List<JsonNode> read = new ArrayList<>();
        for (String value : alerts.readValuesToList()) {
            read.add(JSON.readTree(value));
        }
        return read;
    }

    @Test
    void viewersMovingToAnotherChannelAreZapping() throws Exception {
        steadyAudience();
        assertThat(alerts()).isEmpty();

        for (int user = 0; user < 30; user++) {
            topology.send("u" + user, EventType.CHANNEL_SWITCH, "sport", now);
        }
        topology.driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.path("channelId").asText()).isEqualTo("news");
            assertThat(alert.path("kind").asText()).isEqualTo("zapping");
            assertThat(alert.path("state").asText()).isEqualTo("active");
            assertThat(alert.path("viewers").asLong()).isEqualTo(10);
            assertThat(alert.path("baseline").asDouble()).isEqualTo(40);
        });
        KeyValueStore<String, Long> channels = topology.driver.getKeyValueStore(StatsStores.PLATFORM_CHANNELS);
        assertThat(channels.get("sport")).isEqualTo(50);
    }

    @Test
    void viewersLeavingThePlatformAreAnOutageThatResolvesWhenTheyReturn() throws Exception {
        steadyAudience();

        for (int user = 0; user < 30; user++) {
            topology.send("u" + user, EventType.STOP, null, now);
        }
        topology.driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.path("kind").asText()).isEqualTo("outage");
            assertThat(alert.path("platformViewers").asLong()).isEqualTo(30);
        });

        for (int user = 0; user < 30; user++) {
            topology.send("u" + user, EventType.PLAY, "news", now.plusSeconds(5));
        }
        topology.driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.path("state").asText()).isEqualTo("resolved");
            assertThat(alert.path("resolvedAt").isNumber()).isTrue();
        });
    }

    @Test
    void smallChannelsNeverAlert() throws Exception {
        for (int i = 0; i < 4; i++) {
            minute("tiny", 0, 20);
        }
        for (int user = 0; user < 20; user++) {
            topology.send("u" + user, EventType.STOP, null, now);
        }
        topology.driver.advanceWallClockTime(Duration.ofSeconds(10));

        assertThat(alerts()).isEmpty();
    }
}

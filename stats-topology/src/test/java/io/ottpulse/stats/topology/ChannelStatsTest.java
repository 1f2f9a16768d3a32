package io.ottpulse.stats.topology;

import static io.ottpulse.stats.topology.TopologyFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelStatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private TopologyFixture topology;

    @BeforeEach
    void setUp() {
        topology = new TopologyFixture(stateDir,
                "{\"gracePeriodSeconds\":2,\"channelStats\":{\"windowSeconds\":60,\"graceSeconds\":10,\"zapSeconds\":10}}");
    }

    @AfterEach
    void tearDown() {
        topology.close();
    }

    @Test
    void eachClosedWindowReportsTuneInsViewersStaysDwellAndZaps() throws Exception {
        TestOutputTopic<String, String> output = topology.output("ott.channel-stats-1m");
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(1));
        topology.send("u2", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(2));
        topology.send("u3", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(3));
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(6));
        topology.send("u2", EventType.CHANNEL_SWITCH, "c", START.plusSeconds(32));
        topology.send("u1", EventType.HEARTBEAT, "b", START.plusSeconds(40));
        topology.send("u3", EventType.HEARTBEAT, "b", START.plusSeconds(50));
        topology.send("u9", EventType.CHANNEL_SWITCH, "z", START.plusSeconds(75));
        // The wall clock settles every event past its grace period; the settled activity at 75 s moves the windows'
        // stream time past the first minute and its grace, which closes it.
        topology.driver.advanceWallClockTime(Duration.ofSeconds(80));

        Map<String, JsonNode> first = reportsOfTheFirstWindow(output);
        JsonNode a = first.get("a");
        assertThat(a.path("tuneIns").asLong()).isEqualTo(2);
        assertThat(a.path("uniqueViewers").asLong()).isEqualTo(2);
        assertThat(a.path("stays").asLong()).isEqualTo(2);
        assertThat(a.path("averageDwellSeconds").asDouble()).isEqualTo((5 + 30) / 2.0);
        assertThat(a.path("zaps").asLong()).isEqualTo(1);
        JsonNode b = first.get("b");
        assertThat(b.path("tuneIns").asLong()).isEqualTo(2);
        assertThat(b.path("uniqueViewers").asLong()).isEqualTo(2);
        assertThat(b.path("stays").asLong()).isZero();
        assertThat(first.get("c").path("tuneIns").asLong()).isEqualTo(1);
        assertThat(first).doesNotContainKey("z");
    }

    @Test
    void aViewerZappingBackAndForthCountsOnceAmongAChannelsUniqueViewers() throws Exception {
        TestOutputTopic<String, String> output = topology.output("ott.channel-stats-1m");
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(1));
        topology.send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(4));
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(8));
        topology.send("u1", EventType.STOP, "a", START.plusSeconds(12));
        topology.send("u1", EventType.PLAY, "a", START.plusSeconds(20));
        topology.send("u2", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(30));
        topology.send("u1", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(61));
        topology.send("u9", EventType.CHANNEL_SWITCH, "z", START.plusSeconds(75));
        topology.driver.advanceWallClockTime(Duration.ofSeconds(80));

        Map<String, JsonNode> first = reportsOfTheFirstWindow(output);
        assertThat(first.get("a").path("tuneIns").asLong()).isEqualTo(4);
        assertThat(first.get("a").path("uniqueViewers").asLong()).isEqualTo(2);
        assertThat(first.get("b").path("uniqueViewers").asLong()).isEqualTo(1);
    }

    /** The reports published so far of the window starting at {@code START}, by channel. */
    private static Map<String, JsonNode> reportsOfTheFirstWindow(TestOutputTopic<String, String> output)
            throws Exception {
        Map<String, JsonNode> first = new HashMap<>();
        for (KeyValue<String, String> report : output.readKeyValuesToList()) {
            JsonNode stats = JSON.readTree(report.value);
            if (stats.path("windowStart").asLong() == START.toEpochMilli()) {
                first.put(report.key, stats);
            }
        }
        return first;
    }
}

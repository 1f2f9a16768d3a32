package io.ottpulse.stats.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.StatsTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLoadTopologyTest {

    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, String> output;
    private int eventCounter;

    @BeforeEach
    void setUp() {
        StatsConfig config = StatsConfig.parse("{\"channelLoad\":{\"viewerTimeoutSeconds\":300,\"expiryIntervalMs\":1000}}");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(StatsTopology.build(config), props, START);
        input = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic(config.channelLoad().outputTopic(), new StringDeserializer(),
                new StringDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(String user, EventType type, String channel, Instant time) {
        ActivityEvent event = new ActivityEvent("e-" + eventCounter++, user, null, null, type, channel,
                time.toEpochMilli(), null);
        input.pipeInput(user, EventJson.write(event), time);
    }

    private Map<String, Long> load() {
        KeyValueStore<String, ValueAndTimestamp<Long>> store = driver.getTimestampedKeyValueStore(StatsStores.CHANNEL_LOAD);
        Map<String, Long> load = new HashMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Long>> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.value() > 0) {
                    load.put(entry.key, entry.value.value());
                }
            });
        }
        return load;
    }

    @Test
    void switchesMoveViewersBetweenChannels() {
        send("u1", EventType.CHANNEL_SWITCH, "a", START);
        send("u2", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(1));
        send("u3", EventType.PLAY, "b", START.plusSeconds(2));
        send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(3));

        assertThat(load()).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(output.readKeyValuesToMap()).containsEntry("a", "{\"channelId\":\"a\",\"viewers\":1}")
                .containsEntry("b", "{\"channelId\":\"b\",\"viewers\":2}");
    }

    @Test
    void heartbeatsOnTheSameChannelChangeNothing() {
        send("u1", EventType.CHANNEL_SWITCH, "a", START);
        output.readKeyValuesToList();
        send("u1", EventType.HEARTBEAT, "a", START.plusSeconds(30));
        send("u1", EventType.BUFFERING_START, null, START.plusSeconds(31));

        assertThat(output.isEmpty()).isTrue();
        assertThat(load()).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void pauseAndStopTakeTheViewerOff() {
        send("u1", EventType.CHANNEL_SWITCH, "a", START);
        send("u2", EventType.CHANNEL_SWITCH, "a", START);
        send("u1", EventType.PAUSE, null, START.plusSeconds(5));
        send("u2", EventType.STOP, null, START.plusSeconds(6));

        assertThat(load()).isEmpty();
        assertThat(output.readKeyValuesToList()).last().isEqualTo(KeyValue.pair("a", "{\"channelId\":\"a\",\"viewers\":0}"));
    }

    @Test
    void silentViewersExpireOnWallClockEvenWithoutNewEvents() {
        send("u1", EventType.CHANNEL_SWITCH, "a", START);
        send("u2", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(200));

        driver.advanceWallClockTime(Duration.ofSeconds(301));
        assertThat(load()).isEqualTo(Map.of("a", 1L));

        driver.advanceWallClockTime(Duration.ofSeconds(200));
        assertThat(load()).isEmpty();
    }

    @Test
    void anOlderEventDoesNotUndoANewerSwitch() {
        send("u1", EventType.CHANNEL_SWITCH, "b", START.plusSeconds(10));
        send("u1", EventType.CHANNEL_SWITCH, "a", START.plusSeconds(5));

        assertThat(load()).isEqualTo(Map.of("b", 1L));
    }

    @Test
    void invalidRecordsAreSkipped() {
        input.pipeInput("u1", "not json".getBytes(), START);
        send("u2", EventType.CHANNEL_SWITCH, "a", START);

        assertThat(load()).isEqualTo(Map.of("a", 1L));
    }
}

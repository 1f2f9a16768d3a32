package io.ottpulse.udf;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.stats.JsonSerde;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsTopology;
import io.ottpulse.stats.viewers.UserPreferences;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real stats topology ({@link StatsTopology#build} from a JSON {@link StatsConfig}) in a TopologyTestDriver: events
 * go in as ott.activity records (JSON, keyed by user, record time = event time), preferences come out of the
 * preferences topic. The wall clock, which drives the topology's timers, starts at a given time and moves only when
 * told to.
 */
final class StatsTopologyDriver implements AutoCloseable {

    private final StatsConfig config;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> input;
    private final TestOutputTopic<String, UserPreferences> preferences;
    private long wallClockMs;

    StatsTopologyDriver(Path stateDir, String configJson, long wallClockMs) {
        this.config = StatsConfig.parse(configJson);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "udfs-cross-check");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(StatsTopology.build(config), props, Instant.ofEpochMilli(wallClockMs));
        this.input = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        this.preferences = driver.createOutputTopic(config.preferences().outputTopic(), new StringDeserializer(),
                JsonSerde.of(UserPreferences.class).deserializer());
        this.wallClockMs = wallClockMs;
    }

    StatsConfig config() {
        return config;
    }

    void send(ActivityEvent event) {
        input.pipeInput(event.userId(), EventJson.write(event), event.timestamp());
    }

    /** Moves the wall clock to {@code atMs} (never back), which fires the topology's due timers once. */
    void wallClockTo(long atMs) {
        if (atMs < wallClockMs) {
            throw new IllegalArgumentException("the wall clock cannot go back from " + wallClockMs + " to " + atMs);
        }
        driver.advanceWallClockTime(Duration.ofMillis(atMs - wallClockMs));
        wallClockMs = atMs;
    }

    /** The last preferences record of every user published since the previous call. */
    Map<String, UserPreferences> publishedPreferences() {
        return preferences.readKeyValuesToMap();
    }

    /** A counter of the topology's own metrics ({@code StatsMetrics}), summed over tasks. */
    double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(name + "-total"))
                .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}

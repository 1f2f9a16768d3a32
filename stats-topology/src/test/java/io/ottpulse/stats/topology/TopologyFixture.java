package io.ottpulse.stats.topology;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.StatsTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The real stats topology in a TopologyTestDriver, with helpers to send events and read results. */
final class TopologyFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

    final StatsConfig config;
    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> input;
    private int eventCounter;

    TopologyFixture(Path stateDir, String configJson) {
        this.config = StatsConfig.parse(configJson);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(StatsTopology.build(config), props, START);
        this.input = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends an event with a fresh eventId; returns the id. */
    String send(String user, EventType type, String channel, Instant time) {
        String eventId = "e-" + eventCounter++;
        send(new ActivityEvent(eventId, user, null, null, type, channel, time.toEpochMilli(), null));
        return eventId;
    }

    void send(ActivityEvent event) {
        input.pipeInput(event.userId(), EventJson.write(event), event.timestamp());
    }

    TestOutputTopic<String, String> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer());
    }

    /** Channels with viewers, from the channel-load store. */
    Map<String, Long> load() {
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

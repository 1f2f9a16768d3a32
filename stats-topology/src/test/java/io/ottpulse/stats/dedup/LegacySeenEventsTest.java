package io.ottpulse.stats.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.stats.StatsStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The previous version's seen-events store, on RocksDB as the topology declares it, after an upgrade. */
class LegacySeenEventsTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long T = 1_795_683_600_000L;

    @TempDir
    Path stateDir;

    private WindowStore<String, Long> store;

    @BeforeEach
    void openStore() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "legacy-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0),
                stateDir.toFile());
        store = Stores.windowStoreBuilder(Stores.persistentWindowStore(StatsStores.SEEN_EVENTS,
                        StatsStores.seenEventsRetention(WINDOW), WINDOW, false), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findsTheIdsThePreviousVersionWroteWithinTheDedupWindow() {
        store.put("e-1", T, T);
        store.put("e-2", T + 60_000, T + 60_000);
        LegacySeenEvents legacy = LegacySeenEvents.of(store, WINDOW, StatsStores.seenEventsRetention(WINDOW));

        assertThat(legacy.contains("e-1", T)).isTrue();
        assertThat(legacy.contains("e-1", T + WINDOW.toMillis())).isTrue();
        assertThat(legacy.contains("e-2", T + 30_000)).isTrue();
        assertThat(legacy.contains("e-1", T + WINDOW.toMillis() + 1)).isFalse();
        assertThat(legacy.contains("e-3", T)).isFalse();
    }

    @Test
    void anEmptyStoreIsNeverAsked() {
        LegacySeenEvents legacy = LegacySeenEvents.of(store, WINDOW, StatsStores.seenEventsRetention(WINDOW));
        store.put("e-1", T, T);

        // Written after the look at the store (never, in the topology): not read.
        assertThat(legacy.contains("e-1", T)).isFalse();
    }
}

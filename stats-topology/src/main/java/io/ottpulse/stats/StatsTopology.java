package io.ottpulse.stats;

import io.ottpulse.stats.api.ChannelViewers;
import io.ottpulse.stats.channelstats.ChannelWindow;
import io.ottpulse.stats.channelstats.ChannelWindowReport;
import io.ottpulse.stats.platform.Alert;
import io.ottpulse.stats.platform.PlatformProcessor;
import io.ottpulse.stats.viewers.ChannelActivity;
import io.ottpulse.stats.viewers.DecayedScoresSerde;
import io.ottpulse.stats.viewers.UserPreferences;
import io.ottpulse.stats.viewers.ViewerOutput;
import io.ottpulse.stats.viewers.ViewerProcessor;
import io.ottpulse.stats.viewers.ViewerTimelineSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the stats topology from its configuration; {@link StatsApp} runs it, tests drive the very same one.
 *
 * <pre>
 * ott.activity ─▶ viewers (timeline per user, drops resends) ─────┬─▶ counted channel ─▶ table ─▶ count by channel
 *                                                                 │        ─▶ ott.channel-load, and ─▶ platform view
 *                                                                 │           (one partition) ─▶ top channels, alerts
 *                                                                 ├─▶ channel activity ─▶ windows ─▶ ott.channel-stats-1m
 *                                                                 └─▶ preferences ─▶ ott.user-preferences
 * </pre>
 */
public final class StatsTopology {

    /** Name of the repartitioning by channel whose partitions are the channel-load store's. */
    public static final String VIEWERS_BY_CHANNEL = "viewers-by-channel";

    private StatsTopology() {
    }

    public static Topology build(StatsConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        addStores(builder, config);
        KStream<String, ViewerOutput> viewers = builder
                // The record key (the user id) only partitions the topic; the event names its user, so the key is not
                // decoded into a String for every record.
                .stream(config.inputTopic(), Consumed.with(Serdes.ByteArray(), EventSerde.serde()))
                // Also drops resends (by eventId) and the records that are not valid events (deserialised to null).
                .process(() -> new ViewerProcessor(config), StatsStores.VIEWERS, StatsStores.USER_PREFERENCES,
                        StatsStores.SEEN_EVENTS);
        KTable<String, Long> load = channelLoad(viewers, config);
        platformView(load, config);
        if (config.channelStats().enabled()) {
            channelStats(viewers, config.channelStats());
        }
        if (config.preferences().enabled()) {
            viewers.filter((userId, output) -> output.kind() == ViewerOutput.Kind.PREFERENCES)
                    .mapValues(ViewerOutput::preferences)
                    .to(config.preferences().outputTopic(),
                            Produced.with(Serdes.String(), JsonSerde.of(UserPreferences.class)));
        }
        return builder.build();
    }

    private static void addStores(StreamsBuilder builder, StatsConfig config) {
        Duration dedup = config.dedupWindow();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(StatsStores.SEEN_EVENTS, StatsStores.seenEventsRetention(dedup), dedup,
                        false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StatsStores.VIEWERS),
                Serdes.String(), ViewerTimelineSerde.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StatsStores.USER_PREFERENCES), Serdes.String(),
                DecayedScoresSerde.serde(config.preferences().halfLifeMs())));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StatsStores.PLATFORM_CHANNELS), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StatsStores.PLATFORM_HISTORY), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StatsStores.PLATFORM_ALERTS), Serdes.String(), JsonSerde.of(Alert.class)));
    }

    /**
     * The viewer processor already knows where each viewer counted before and counts now, so it publishes the load's
     * changes keyed by channel (-1 on the old, +1 on the new): one repartition by channel and a sum, rather than a
     * user table regrouped by channel (which costs a second repartition, a second store and its changelog).
     * Exactly-once keeps each change counted once.
     */
    private static KTable<String, Long> channelLoad(KStream<String, ViewerOutput> viewers, StatsConfig config) {
        KTable<String, Long> load = viewers
                .filter((channelId, output) -> output.kind() == ViewerOutput.Kind.LOAD_CHANGE)
                .mapValues(ViewerOutput::loadChange)
                .groupByKey(Grouped.with(VIEWERS_BY_CHANNEL, Serdes.String(), Serdes.Long()))
                .aggregate(() -> 0L, (channelId, change, viewersNow) -> viewersNow + change,
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(StatsStores.CHANNEL_LOAD)
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
        if (config.channelLoad().enabled()) {
            load.toStream()
                    .mapValues((channelId, viewersNow) -> new ChannelViewers(channelId, viewersNow == null ? 0 : viewersNow))
                    .to(config.channelLoad().outputTopic(),
                            Produced.with(Serdes.String(), JsonSerde.of(ChannelViewers.class)));
        }
        return load;
    }

    /** Every channel's load in one partition: the top channels, the platform total, the viewer-drop alerts. */
    private static void platformView(KTable<String, Long> load, StatsConfig config) {
        load.toStream()
                .map((channelId, viewersNow) -> KeyValue.pair(StatsStores.PLATFORM_KEY,
                        new ChannelViewers(channelId, viewersNow == null ? 0 : viewersNow)))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(ChannelViewers.class))
                        .withName("platform").withNumberOfPartitions(1))
                .process(() -> new PlatformProcessor(config.alerts()), StatsStores.PLATFORM_CHANNELS,
                        StatsStores.PLATFORM_HISTORY, StatsStores.PLATFORM_ALERTS)
                .to(config.alerts().outputTopic(), Produced.with(Serdes.String(), JsonSerde.of(Alert.class)));
    }

    /**
     * Tumbling event-time windows per channel, each published once, when it closes after its grace.
     *
     * <p>Every activity updates its channel's window (five counters): the record cache turns those updates into one
     * store write and one changelog record per window and commit. The store is a plain window store,
     * not the time-ordered one emit-on-close picks by default: that one's cache iterator walks one cache range per
     * segment (a minute) from the lower bound of the range it is asked for, and the first emit after a start asks from
     * 1970, seconds of CPU inside a transaction. The plain store's cache answers a time range by filtering its entries.
     */
    private static void channelStats(KStream<String, ViewerOutput> viewers, StatsConfig.ChannelStats config) {
        long zapMs = config.zapSeconds() * 1000;
        Duration size = Duration.ofSeconds(config.windowSeconds());
        Duration grace = Duration.ofSeconds(config.graceSeconds());
        viewers.filter((key, output) -> output.kind() == ViewerOutput.Kind.ACTIVITY)
                .mapValues(ViewerOutput::activity)
                .groupByKey(Grouped.with("activity-by-channel", Serdes.String(), ChannelActivity.serde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
                .emitStrategy(EmitStrategy.onWindowClose())
                .aggregate(ChannelWindow::new, (channelId, activity, window) -> window.add(activity, zapMs),
                        Materialized.<String, ChannelWindow>as(Stores.persistentTimestampedWindowStore(
                                        StatsStores.CHANNEL_STATS, size.plus(grace), size, false))
                                .withKeySerde(Serdes.String()).withValueSerde(ChannelWindow.serde())
                                .withCachingEnabled())
                .toStream()
                .map((window, stats) -> KeyValue.pair(window.key(),
                        stats.report(window.key(), window.window().start(), window.window().end())))
                .to(config.outputTopic(), Produced.with(Serdes.String(), JsonSerde.of(ChannelWindowReport.class)));
    }
}

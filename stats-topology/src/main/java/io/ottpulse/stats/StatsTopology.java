package io.ottpulse.stats;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.stats.api.ChannelViewers;
import io.ottpulse.stats.presence.PresenceProcessor;
import io.ottpulse.stats.presence.ViewerStateSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Builds the stats topology from its configuration; {@link StatsApp} runs it, tests drive the very same one. */
public final class StatsTopology {

    private StatsTopology() {
    }

    public static Topology build(StatsConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ActivityEvent> events = builder.stream(config.inputTopic(),
                Consumed.with(Serdes.String(), EventSerde.serde()));
        if (config.channelLoad().enabled()) {
            channelLoad(builder, events, config.channelLoad());
        }
        return builder.build();
    }

    /**
     * userId -> current channel (a table: a user counts on one channel at most), regrouped by channel and counted.
     * The table's subtractor takes a user off the old channel when they switch, stop or time out.
     */
    private static void channelLoad(StreamsBuilder builder, KStream<String, ActivityEvent> events,
            StatsConfig.ChannelLoad config) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StatsStores.VIEWER_PRESENCE), Serdes.String(), ViewerStateSerde.serde()));
        events.process(() -> new PresenceProcessor(StatsStores.VIEWER_PRESENCE, config.viewerTimeout(),
                        config.expiryInterval()), StatsStores.VIEWER_PRESENCE)
                .toTable(Materialized.with(Serdes.String(), Serdes.String()))
                .groupBy((userId, channelId) -> KeyValue.pair(channelId, userId),
                        Grouped.with("viewers-by-channel", Serdes.String(), Serdes.String()))
                .count(Materialized.as(StatsStores.CHANNEL_LOAD))
                .toStream()
                .mapValues((channelId, viewers) -> StatsJson.write(new ChannelViewers(channelId, viewers)))
                .to(config.outputTopic(), Produced.with(Serdes.String(), Serdes.String()));
    }
}

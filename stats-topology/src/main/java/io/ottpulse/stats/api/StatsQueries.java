package io.ottpulse.stats.api;

import io.ottpulse.stats.StatsStores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the aggregations from the running application's state stores. */
public final class StatsQueries {

    private final KafkaStreams streams;

    public StatsQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every channel with at least one viewer, most watched first. */
    public List<ChannelViewers> channels() {
        List<ChannelViewers> channels = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = channelLoad().all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value != null && entry.value > 0) {
                    channels.add(new ChannelViewers(entry.key, entry.value));
                }
            }
        }
        channels.sort(Comparator.comparingLong(ChannelViewers::viewers).reversed()
                .thenComparing(ChannelViewers::channelId));
        return channels;
    }

    public Optional<ChannelViewers> channel(String channelId) {
        Long viewers = channelLoad().get(channelId);
        return Optional.of(new ChannelViewers(channelId, viewers == null ? 0 : viewers));
    }

    private ReadOnlyKeyValueStore<String, Long> channelLoad() {
        return streams.store(StoreQueryParameters.fromNameAndType(StatsStores.CHANNEL_LOAD,
                QueryableStoreTypes.keyValueStore()));
    }
}

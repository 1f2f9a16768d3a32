package io.ottpulse.stats.api;

import io.ottpulse.activity.preferences.DecayedScores;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.platform.Alert;
import io.ottpulse.stats.viewers.UserPreferences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers every query from any instance: data this instance owns is read from its stores, the rest is fetched from
 * the owner (interactive-query metadata says which), and questions about all channels are put together from every
 * instance.
 */
public final class StatsQueries {

    private static final Comparator<ChannelViewers> MOST_WATCHED =
            Comparator.comparingLong(ChannelViewers::viewers).reversed().thenComparing(ChannelViewers::channelId);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StatsConfig config;
    private final RemoteInstances remote = new RemoteInstances();

    public StatsQueries(KafkaStreams streams, HostInfo self, StatsConfig config) {
        this.streams = streams;
        this.self = self;
        this.config = config;
    }

    /** Every channel with viewers, most watched first, from all instances. */
    public List<ChannelViewers> channels() {
        List<ChannelViewers> channels = new ArrayList<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(StatsStores.CHANNEL_LOAD)) {
            if (instance.hostInfo().equals(self)) {
                channels.addAll(localChannels());
            } else {
                channels.addAll(remote.get(instance.hostInfo(), "/channels", Answers.Channels.class).channels());
            }
        }
        channels.sort(MOST_WATCHED);
        return channels;
    }

    public ChannelViewers channel(String channelId) {
        HostInfo owner = owner(StatsStores.CHANNEL_LOAD, channelId);
        return owner.equals(self) ? localChannel(channelId)
                : remote.get(owner, "/channels/" + channelId, ChannelViewers.class);
    }

    public UserPreferences preferences(String userId) {
        HostInfo owner = owner(StatsStores.USER_PREFERENCES, userId);
        return owner.equals(self) ? localPreferences(userId)
                : remote.get(owner, "/users/" + userId + "/preferences", UserPreferences.class);
    }

    public Answers.Top top(int n) {
        HostInfo owner = owner(StatsStores.PLATFORM_CHANNELS, StatsStores.PLATFORM_KEY);
        return owner.equals(self) ? localTop(n) : remote.get(owner, "/top?n=" + n, Answers.Top.class);
    }

    public Answers.Alerts alerts() {
        HostInfo owner = owner(StatsStores.PLATFORM_ALERTS, StatsStores.PLATFORM_KEY);
        return owner.equals(self) ? localAlerts() : remote.get(owner, "/alerts", Answers.Alerts.class);
    }

    List<ChannelViewers> localChannels() {
        List<ChannelViewers> channels = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = this.<Long>store(StatsStores.CHANNEL_LOAD).all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value != null && entry.value > 0) {
                    channels.add(new ChannelViewers(entry.key, entry.value));
                }
            }
        }
        return channels;
    }

    ChannelViewers localChannel(String channelId) {
        Long viewers = this.<Long>store(StatsStores.CHANNEL_LOAD).get(channelId);
        return new ChannelViewers(channelId, viewers == null ? 0 : viewers);
    }

    UserPreferences localPreferences(String userId) {
        DecayedScores scores = this.<DecayedScores>store(StatsStores.USER_PREFERENCES).get(userId);
        return UserPreferences.of(userId, scores, config.preferences().topN());
    }

    Answers.Top localTop(int n) {
        List<ChannelViewers> channels = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = this.<Long>store(StatsStores.PLATFORM_CHANNELS).all()) {
            all.forEachRemaining(entry -> channels.add(new ChannelViewers(entry.key, entry.value)));
        }
        channels.sort(MOST_WATCHED);
        long total = channels.stream().mapToLong(ChannelViewers::viewers).sum();
        return new Answers.Top(total, channels.subList(0, Math.min(n, channels.size())));
    }

    Answers.Alerts localAlerts() {
        List<Alert> alerts = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = this.<Alert>store(StatsStores.PLATFORM_ALERTS).all()) {
            all.forEachRemaining(entry -> alerts.add(entry.value));
        }
        alerts.sort(Comparator.comparingLong(Alert::firedAt).reversed());
        return new Answers.Alerts(alerts);
    }

    private HostInfo owner(String store, String key) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new InvalidStateStoreException("no instance owns " + store + " for " + key + " yet");
        }
        return metadata.activeHost();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** The value, or empty, for callers that can live without it (the dashboard's alerts, say). */
    static <T> Optional<T> optional(Supplier<T> query) {
        try {
            return Optional.of(query.get());
        } catch (InvalidStateStoreException | RemoteInstances.InstanceUnavailableException e) {
            return Optional.empty();
        }
    }
}

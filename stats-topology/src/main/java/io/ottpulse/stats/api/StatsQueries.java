package io.ottpulse.stats.api;

import io.ottpulse.activity.preferences.DecayedScores;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.StatsTopology;
import io.ottpulse.stats.platform.Alert;
import io.ottpulse.stats.viewers.UserPreferences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
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
 * instance. Answers are complete or refused: a store partition that is being restored or moved makes the query fail
 * (the API says 503, retry) rather than quietly leave its channels out.
 */
public final class StatsQueries {

    private static final Comparator<ChannelViewers> MOST_WATCHED =
            Comparator.comparingLong(ChannelViewers::viewers).reversed().thenComparing(ChannelViewers::channelId);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StatsConfig config;
    private final String channelLoadTopic;
    private final IntSupplier channelLoadPartitions;
    private final RemoteInstances remote = new RemoteInstances();

    /** @param channelLoadPartitions how many partitions the channel-load store has (those of its repartition topic) */
    public StatsQueries(KafkaStreams streams, HostInfo self, StatsConfig config, IntSupplier channelLoadPartitions) {
        this.streams = streams;
        this.self = self;
        this.config = config;
        this.channelLoadTopic = config.applicationId() + "-" + StatsTopology.VIEWERS_BY_CHANNEL + "-repartition";
        this.channelLoadPartitions = channelLoadPartitions;
    }

    /** Every channel with viewers, most watched first, from all instances. */
    public List<ChannelViewers> channels() {
        Map<HostInfo, Set<Integer>> owners = channelLoadOwners();
        List<ChannelViewers> channels = new ArrayList<>();
        owners.forEach((host, partitions) -> {
            if (host.equals(self)) {
                channels.addAll(localChannels(partitions));
            } else {
                String list = partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
                channels.addAll(remote.get(host, "/channels?partitions=" + list, Answers.Channels.class).channels());
            }
        });
        channels.sort(MOST_WATCHED);
        return channels;
    }

    public ChannelViewers channel(String channelId) {
        KeyQueryMetadata owner = owner(StatsStores.CHANNEL_LOAD, channelId);
        return owner.activeHost().equals(self) ? localChannel(channelId)
                : remote.get(owner.activeHost(), "/channels/" + channelId, ChannelViewers.class);
    }

    public UserPreferences preferences(String userId) {
        KeyQueryMetadata owner = owner(StatsStores.USER_PREFERENCES, userId);
        return owner.activeHost().equals(self) ? localPreferences(userId)
                : remote.get(owner.activeHost(), "/users/" + userId + "/preferences", UserPreferences.class);
    }

    public Answers.Top top(int n) {
        HostInfo owner = owner(StatsStores.PLATFORM_CHANNELS, StatsStores.PLATFORM_KEY).activeHost();
        return owner.equals(self) ? localTop(n) : remote.get(owner, "/top?n=" + n, Answers.Top.class);
    }

    public Answers.Alerts alerts() {
        HostInfo owner = owner(StatsStores.PLATFORM_ALERTS, StatsStores.PLATFORM_KEY).activeHost();
        return owner.equals(self) ? localAlerts() : remote.get(owner, "/alerts", Answers.Alerts.class);
    }

    /** The channels of the given channel-load partitions, which must all be active and running here. */
    List<ChannelViewers> localChannels(Set<Integer> partitions) {
        List<ChannelViewers> channels = new ArrayList<>();
        for (int partition : partitions) {
            ReadOnlyKeyValueStore<String, Long> store = store(StatsStores.CHANNEL_LOAD, partition);
            try (KeyValueIterator<String, Long> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, Long> entry = all.next();
                    if (entry.value != null && entry.value > 0) {
                        channels.add(new ChannelViewers(entry.key, entry.value));
                    }
                }
            }
        }
        return channels;
    }

    ChannelViewers localChannel(String channelId) {
        int partition = owner(StatsStores.CHANNEL_LOAD, channelId).partition();
        Long viewers = this.<Long>store(StatsStores.CHANNEL_LOAD, partition).get(channelId);
        return new ChannelViewers(channelId, viewers == null ? 0 : viewers);
    }

    UserPreferences localPreferences(String userId) {
        int partition = owner(StatsStores.USER_PREFERENCES, userId).partition();
        DecayedScores scores = this.<DecayedScores>store(StatsStores.USER_PREFERENCES, partition).get(userId);
        return UserPreferences.of(userId, scores, config.preferences().topN());
    }

    Answers.Top localTop(int n) {
        List<ChannelViewers> channels = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = this.<Long>store(StatsStores.PLATFORM_CHANNELS, 0).all()) {
            all.forEachRemaining(entry -> channels.add(new ChannelViewers(entry.key, entry.value)));
        }
        channels.sort(MOST_WATCHED);
        long total = channels.stream().mapToLong(ChannelViewers::viewers).sum();
        return new Answers.Top(total, channels.subList(0, Math.min(n, channels.size())));
    }

    Answers.Alerts localAlerts() {
        List<Alert> alerts = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = this.<Alert>store(StatsStores.PLATFORM_ALERTS, 0).all()) {
            all.forEachRemaining(entry -> alerts.add(entry.value));
        }
        alerts.sort(Comparator.comparingLong(Alert::firedAt).reversed());
        return new Answers.Alerts(alerts);
    }

    /** Which instance is active for each channel-load partition; fails unless every partition has an owner. */
    private Map<HostInfo, Set<Integer>> channelLoadOwners() {
        Map<HostInfo, Set<Integer>> owners = new HashMap<>();
        Set<Integer> covered = new TreeSet<>();
        for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            for (TopicPartition partition : instance.topicPartitions()) {
                if (partition.topic().equals(channelLoadTopic)) {
                    owners.computeIfAbsent(instance.hostInfo(), host -> new TreeSet<>()).add(partition.partition());
                    covered.add(partition.partition());
                }
            }
        }
        int expected = channelLoadPartitions.getAsInt();
        if (covered.size() < expected) {
            throw new InvalidStateStoreException("only partitions " + covered + " of " + expected
                    + " of the channel load have an active instance now");
        }
        return owners;
    }

    private KeyQueryMetadata owner(String store, String key) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw new InvalidStateStoreException("no instance owns " + store + " for " + key + " yet");
        }
        return metadata;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
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

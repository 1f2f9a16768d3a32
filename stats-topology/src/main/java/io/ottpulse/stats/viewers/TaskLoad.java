package io.ottpulse.stats.viewers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * How many of a task's viewers count on each channel, and how many the task has published. The load changes go out
 * as one difference per changed channel every publish interval, not as a repartition record per ±1 (a switch made
 * two), so a change costs no store write, send or aggregation of its own. The counts are in memory and recounted from
 * the viewers store when the task starts; the published ones are in a store written per channel at publication only.
 * Exactly-once commits both with the records published, so after a crash the recounted counts less the restored
 * published ones are exactly the changes still to publish.
 */
final class TaskLoad {

    /**
     * Key (no channel id is blank) marking a store this version keeps. Without it, the task's state comes from the
     * version that published every change as it happened: its counts were all published, and become the published
     * ones before the first change.
     */
    private static final String KEPT_BY_THIS_VERSION = "";

    private final KeyValueStore<String, Long> published;
    private final Map<String, Long> counted = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    private boolean adoptCounts;

    TaskLoad(KeyValueStore<String, Long> published) {
        this.published = published;
    }

    /** Forgets the counts before the task recounts its viewers ({@link #recount}) when it starts. */
    void restart() {
        counted.clear();
        changed.clear();
        adoptCounts = true;
        try (KeyValueIterator<String, Long> all = published.all()) {
            all.forEachRemaining(channel -> {
                if (channel.key.equals(KEPT_BY_THIS_VERSION)) {
                    adoptCounts = false;
                } else {
                    // Compared at the next publication with the recount.
                    changed.add(channel.key);
                }
            });
        }
    }

    /** One viewer of the task counting on the channel, as the viewers store says when the task starts. */
    void recount(String channelId) {
        counted.merge(channelId, 1L, Long::sum);
        changed.add(channelId);
    }

    void add(String channelId, long change) {
        adoptCountsIfInherited();
        counted.merge(channelId, change, Long::sum);
        changed.add(channelId);
    }

    /** Hands {@code publisher} the difference of every changed channel since its last publication. */
    void publish(BiConsumer<String, Long> publisher) {
        adoptCountsIfInherited();
        for (String channelId : changed) {
            long now = counted.getOrDefault(channelId, 0L);
            Long before = published.get(channelId);
            long difference = now - (before == null ? 0 : before);
            if (difference != 0) {
                publisher.accept(channelId, difference);
            }
            if (now == 0) {
                counted.remove(channelId);
                if (before != null) {
                    published.delete(channelId);
                }
            } else if (difference != 0) {
                published.put(channelId, now);
            }
        }
        changed.clear();
    }

    private void adoptCountsIfInherited() {
        if (adoptCounts) {
            counted.forEach(published::put);
            published.put(KEPT_BY_THIS_VERSION, 0L);
            adoptCounts = false;
        }
    }
}

package io.ottpulse.stats.presence;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.presence.ViewerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each user's presence (channel, entry time, last event) and forwards {@code userId -> channelId} whenever the
 * channel a user counts on changes, {@code userId -> null} when they stop counting. A wall-clock punctuation expires
 * silent viewers, so a quiet partition still loses its departed viewers.
 */
public final class PresenceProcessor implements Processor<String, ActivityEvent, String, String> {

    private final String storeName;
    private final Duration viewerTimeout;
    private final Duration expiryInterval;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, ViewerState> presence;

    public PresenceProcessor(String storeName, Duration viewerTimeout, Duration expiryInterval) {
        this.storeName = storeName;
        this.viewerTimeout = viewerTimeout;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.presence = context.getStateStore(storeName);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expireSilentViewers);
    }

    @Override
    public void process(Record<String, ActivityEvent> record) {
        ActivityEvent event = record.value();
        if (event == null) {
            return;
        }
        String userId = event.userId();
        ViewerState before = presence.get(userId);
        ViewerState after = Presence.apply(before, event, viewerTimeout.toMillis());
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            presence.delete(userId);
        } else {
            presence.put(userId, after);
        }
        String channelBefore = before == null ? null : before.channelId();
        String channelAfter = after == null ? null : after.channelId();
        if (!Objects.equals(channelBefore, channelAfter)) {
            context.forward(record.withKey(userId).withValue(channelAfter));
        }
    }

    private void expireSilentViewers(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ViewerState> all = presence.all()) {
            while (all.hasNext()) {
                KeyValue<String, ViewerState> entry = all.next();
                if (Presence.expired(entry.value, now, viewerTimeout.toMillis())) {
                    expired.add(entry.key);
                }
            }
        }
        for (String userId : expired) {
            presence.delete(userId);
            context.forward(new Record<>(userId, (String) null, now));
        }
    }
}

package io.ottpulse.activity.viewing;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;

/**
 * The parts of an activity event the viewing rules read.
 *
 * @param channelId null for types that name no channel
 * @param timestamp event time, epoch ms
 */
public record ViewingEvent(EventType type, String channelId, long timestamp) {

    public static ViewingEvent of(ActivityEvent event) {
        return new ViewingEvent(event.type(), event.channelId(), event.timestamp());
    }

    /** An observation that the viewer is on {@code channelId} at {@code timestamp}, whatever the event was. */
    public static ViewingEvent seenOn(String channelId, long timestamp) {
        return new ViewingEvent(EventType.HEARTBEAT, channelId, timestamp);
    }

    /** False for a type that must name a channel but does not: such an event says nothing the rules can use. */
    public boolean usable() {
        return type != null && (channelId != null || !type.requiresChannel());
    }
}

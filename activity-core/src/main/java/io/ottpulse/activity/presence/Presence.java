package io.ottpulse.activity.presence;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import java.util.Objects;

/**
 * The viewer-presence rules: a user is a viewer of the channel of their last channel_switch, play or heartbeat until
 * they switch away, pause, stop, or send nothing for the viewer timeout. Each user counts on at most one channel.
 */
public final class Presence {

    /** The viewer timeout the platform uses unless configured otherwise: 5 minutes. */
    public static final long DEFAULT_TIMEOUT_MS = 300_000;

    private Presence() {
    }

    /**
     * The viewer's state after {@code event}. An event older than the latest one applied leaves the state as it is; an
     * event after a silence longer than the timeout finds the viewer gone (they count again from this event).
     *
     * @param current the state before, or null when the user is not watching
     * @return the state after, or null when the user is not watching
     */
    public static ViewerState apply(ViewerState current, ActivityEvent event, long timeoutMs) {
        return apply(current, event.type(), event.channelId(), event.timestamp(), timeoutMs);
    }

    /**
     * The same rules for an event given by its parts (e.g. columns of a ksqlDB row).
     *
     * @param channelId required for the types that name a channel
     */
    public static ViewerState apply(ViewerState current, EventType type, String channelId, long timestamp,
            long timeoutMs) {
        if (current != null && timestamp < current.lastSeen()) {
            return current;
        }
        if (current != null && timestamp - current.lastSeen() > timeoutMs) {
            current = null;
        }
        return switch (type) {
            case CHANNEL_SWITCH, PLAY, HEARTBEAT -> watching(current, channelId, timestamp);
            case PAUSE, STOP -> null;
            case BUFFERING_START, BUFFERING_END, ERROR ->
                    current == null ? null : new ViewerState(current.channelId(), current.since(), timestamp);
        };
    }

    /** True when the viewer has been silent for longer than the timeout at time {@code now} (epoch ms). */
    public static boolean expired(ViewerState state, long now, long timeoutMs) {
        return expired(state.lastSeen(), now, timeoutMs);
    }

    /** True when a viewer last seen at {@code lastSeen} has been silent for longer than the timeout at {@code now}. */
    public static boolean expired(long lastSeen, long now, long timeoutMs) {
        return now - lastSeen > timeoutMs;
    }

    private static ViewerState watching(ViewerState current, String channelId, long timestamp) {
        boolean sameChannel = current != null && Objects.equals(current.channelId(), channelId);
        long since = sameChannel ? current.since() : timestamp;
        return new ViewerState(channelId, since, timestamp);
    }
}

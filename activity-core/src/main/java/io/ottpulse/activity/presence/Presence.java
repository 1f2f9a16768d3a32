package io.ottpulse.activity.presence;

import io.ottpulse.activity.event.ActivityEvent;

/**
 * The viewer-presence rules: a user is a viewer of the channel of their last channel_switch, play or heartbeat until
 * they switch away, pause, stop, or send nothing for the viewer timeout. Each user counts on at most one channel.
 */
public final class Presence {

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
        if (current != null && event.timestamp() < current.lastSeen()) {
            return current;
        }
        if (current != null && event.timestamp() - current.lastSeen() > timeoutMs) {
            current = null;
        }
        return switch (event.type()) {
            case CHANNEL_SWITCH, PLAY, HEARTBEAT -> watching(current, event);
            case PAUSE, STOP -> null;
            case BUFFERING_START, BUFFERING_END, ERROR ->
                    current == null ? null : new ViewerState(current.channelId(), current.since(), event.timestamp());
        };
    }

    /** True when the viewer has been silent for longer than the timeout at time {@code now} (epoch ms). */
    public static boolean expired(ViewerState state, long now, long timeoutMs) {
        return now - state.lastSeen() > timeoutMs;
    }

    private static ViewerState watching(ViewerState current, ActivityEvent event) {
        boolean sameChannel = current != null && current.channelId().equals(event.channelId());
        long since = sameChannel ? current.since() : event.timestamp();
        return new ViewerState(event.channelId(), since, event.timestamp());
    }
}

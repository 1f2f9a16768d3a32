package io.ottpulse.activity.preferences;

import io.ottpulse.activity.presence.ViewerState;

/**
 * How much watching an event proves: the time since the viewer's previous event, capped by the viewer timeout,
 * credited to the channel the viewer was on. Summed over a viewer's events this is their watch time per channel; the
 * stretch after a viewer's last event is not counted until another event closes it. The stats topology and the ksqlDB
 * functions both count this way, so they give the same numbers.
 */
public final class WatchTime {

    private WatchTime() {
    }

    /**
     * Milliseconds to credit to {@code before.channelId()} when the viewer's next event happens at {@code eventTime}.
     *
     * @param before the viewer's state before the event, or null when they were not watching (nothing to credit)
     */
    public static long creditMs(ViewerState before, long eventTime, long timeoutMs) {
        if (before == null) {
            return 0;
        }
        return creditMs(before.lastSeen(), eventTime, timeoutMs);
    }

    /** The credit for a gap between two consecutive events: their distance, at most the timeout, never negative. */
    public static long creditMs(long previousEventTime, long eventTime, long timeoutMs) {
        return Math.max(0, Math.min(eventTime - previousEventTime, timeoutMs));
    }
}

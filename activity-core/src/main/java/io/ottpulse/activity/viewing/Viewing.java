package io.ottpulse.activity.viewing;

import io.ottpulse.activity.preferences.WatchTime;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.presence.ViewerState;

/**
 * One step of a viewer's history: {@link Presence} decides where the viewer is after the event, {@link WatchTime} what
 * the event earns the channel they were on, and the ledger hears about both. The stats topology and the ksqlDB
 * functions fold a viewer's events through this, so they count the same way.
 */
public final class Viewing {

    private Viewing() {
    }

    /**
     * @param before the viewer's state, or null when not watching
     * @return the state after the event (the same instance when the event is older than the viewer's latest)
     */
    public static ViewerState step(ViewerState before, ViewingEvent event, long timeoutMs, ViewingLedger<?> ledger) {
        if (before != null && event.timestamp() < before.lastSeen()) {
            return before;
        }
        long credit = WatchTime.creditMs(before, event.timestamp(), timeoutMs);
        if (credit > 0) {
            ledger.credit(before.channelId(), credit, event.timestamp());
        }
        ViewerState after = presence(before, event, timeoutMs);
        boolean expired = before != null && Presence.expired(before, event.timestamp(), timeoutMs);
        boolean ended = endsStay(before, after, event, timeoutMs);
        boolean switched = ended && after != null && !expired;
        if (ended && !switched) {
            ledger.left(event.timestamp());
        }
        if (after != null && (before == null || ended)) {
            ledger.entered(after.channelId(), after.since(), switched);
        }
        return after;
    }

    /** The presence rules alone, for callers that keep no ledger. */
    public static ViewerState presence(ViewerState before, ViewingEvent event, long timeoutMs) {
        return Presence.apply(before, event.type(), event.channelId(), event.timestamp(), timeoutMs);
    }

    /** True when the event ends the stay {@code before} was in (it moves to another stay or to not watching). */
    static boolean endsStay(ViewerState before, ViewerState after, ViewingEvent event, long timeoutMs) {
        if (before == null || after == before) {
            return false;
        }
        return after == null || Presence.expired(before, event.timestamp(), timeoutMs)
                || !after.channelId().equals(before.channelId());
    }
}

package io.ottpulse.stats.viewers;

import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.ViewingEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One viewer as the stats topology keeps them: the state after every event older than the grace period (settled),
 * the newer events still waiting in event-time order (a late one may yet be put in its place among them), what was
 * last published about the viewer, and the eventIds of their recent events. A viewer who timed out stays for a while
 * as a departed timeline, only their eventIds, so a resend arriving after they left is still found.
 *
 * @param settled where the viewer is after the settled events, or null when not watching
 * @param settledThrough time of the newest settled event, {@link Long#MIN_VALUE} before the first
 * @param pending events within the grace period of the newest, oldest first
 * @param countedOn the channel the viewer is counted on in the channel load, or null
 * @param timerBucket the bucket of the viewer's timer in the timer index
 * @param seen the channels the viewer was counted as seen on in their latest statistics window; kept after they depart,
 *     so a viewer who comes back within the window is not counted twice
 * @param eventIds the eventIds of the viewer's events that a later event could still repeat
 */
public record ViewerTimeline(ViewerState settled, long settledThrough, List<ViewingEvent> pending, String countedOn,
        long timerBucket, SeenInWindow seen, RecentEventIds eventIds) {

    static final ViewerTimeline NEW = departed(RecentEventIds.NONE, SeenInWindow.NONE);

    public ViewerTimeline {
        pending = List.copyOf(pending);
    }

    /** A viewer who is gone, of whom only the eventIds and where they were seen are kept: to the viewing rules, new. */
    static ViewerTimeline departed(RecentEventIds eventIds, SeenInWindow seen) {
        return new ViewerTimeline(null, Long.MIN_VALUE, List.of(), null, -1, seen, eventIds);
    }

    /** True for a viewer with no events of a current visit, only eventIds (or nothing at all). */
    boolean departed() {
        return settledThrough == Long.MIN_VALUE && pending.isEmpty();
    }

    ViewerTimeline withTimer(long bucket) {
        return new ViewerTimeline(settled, settledThrough, pending, countedOn, bucket, seen, eventIds);
    }

    ViewerTimeline withEventIds(RecentEventIds ids) {
        return new ViewerTimeline(settled, settledThrough, pending, countedOn, timerBucket, seen, ids);
    }

    /** Time of the viewer's newest event, settled or not. */
    long newest() {
        return pending.isEmpty() ? settledThrough : Math.max(settledThrough, pending.get(pending.size() - 1).timestamp());
    }

    /** The pending events with {@code event} put in its place by time (after events of the same time). */
    List<ViewingEvent> pendingWith(ViewingEvent event) {
        List<ViewingEvent> events = new ArrayList<>(pending.size() + 1);
        int at = pending.size();
        while (at > 0 && pending.get(at - 1).timestamp() > event.timestamp()) {
            at--;
        }
        events.addAll(pending.subList(0, at));
        events.add(event);
        events.addAll(pending.subList(at, pending.size()));
        return events;
    }
}

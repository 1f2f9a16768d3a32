package io.ottpulse.stats.viewers;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.stats.dedup.LegacySeenEvents;

/**
 * Finds resends (an event whose eventId was seen within the dedup window of its time) in the viewer's own timeline,
 * which is read and written for every event anyway: no store of every eventId, no lookup or changelog record of its
 * own. Events are keyed by user, so a resend meets its original's viewer. Each eventId is kept for twice the dedup
 * window of stream time past its event time, the retention of the window store this replaces, also after the viewer
 * timed out (a departed timeline holds the ids until then).
 */
final class EventIdMemory {

    private final long windowMs;
    private final long retentionMs;
    private final LegacySeenEvents legacy;

    EventIdMemory(long windowMs, LegacySeenEvents legacy) {
        this.windowMs = windowMs;
        this.retentionMs = 2 * windowMs;
        this.legacy = legacy;
    }

    /** Whether {@code event} repeats an eventId the viewer sent within the dedup window of its time. */
    boolean seen(ViewerTimeline viewer, ActivityEvent event) {
        return viewer.eventIds().contains(event.eventId(), event.timestamp(), windowMs)
                || legacy.contains(event.eventId(), event.timestamp());
    }

    /** The timeline with {@code event}'s id added and the ids older than the retention at {@code streamTime} gone. */
    ViewerTimeline remember(ViewerTimeline viewer, ActivityEvent event, long streamTime) {
        return viewer.withEventIds(viewer.eventIds().with(event.eventId(), event.timestamp(), streamTime - retentionMs));
    }

    /** When a departed viewer's ids have all passed their retention and the timeline can go. */
    long forgetAt(ViewerTimeline departed) {
        long newest = departed.eventIds().newest();
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest + retentionMs;
    }
}

package io.ottpulse.stats;

import java.time.Duration;

/** Names of the state stores, shared by the topology, the query API and the tests. */
public final class StatsStores {

    /**
     * eventId -> event time, windowed: the events the previous version's duplicate filter saw. Read, no longer
     * written (the viewers' timelines keep their eventIds now), so a resend of an event processed before an upgrade
     * is still found; see {@link io.ottpulse.stats.dedup.LegacySeenEvents}.
     */
    public static final String SEEN_EVENTS = "seen-events";
    /** userId -> the viewer's timeline (settled state and the events still within the grace period). */
    public static final String VIEWERS = "viewers";
    /** userId -> decayed watch time per channel. */
    public static final String USER_PREFERENCES = "user-preferences";
    /** channelId -> concurrent viewers. */
    public static final String CHANNEL_LOAD = "channel-load";
    /** channelId -> per-window statistics (windowed). */
    public static final String CHANNEL_STATS = "channel-stats";
    /** channelId -> concurrent viewers, all channels in one partition: the platform-wide view. */
    public static final String PLATFORM_CHANNELS = "platform-channels";
    /** channelId (and the platform total) -> per-minute viewer samples for alert baselines. */
    public static final String PLATFORM_HISTORY = "platform-history";
    /** alert id -> the alert, the recent ones. */
    public static final String PLATFORM_ALERTS = "platform-alerts";

    /** The key every platform-wide record has, so they all meet in one partition. */
    public static final String PLATFORM_KEY = "platform";

    private StatsStores() {
    }

    /** The retention the seen-events store was created with, twice the dedup window. */
    public static Duration seenEventsRetention(Duration dedupWindow) {
        return dedupWindow.multipliedBy(2);
    }
}

package io.ottpulse.stats;

/** Names of the state stores, shared by the topology, the query API and the tests. */
public final class StatsStores {

    /** userId -> the viewer's current presence. */
    public static final String VIEWER_PRESENCE = "viewer-presence";
    /** channelId -> concurrent viewers. */
    public static final String CHANNEL_LOAD = "channel-load";

    private StatsStores() {
    }
}

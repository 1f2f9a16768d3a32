package io.ottpulse.stats.viewers;

/**
 * Something a viewer did on a channel that the per-window channel statistics count.
 *
 * @param kind {@code tune_in} (a stay began), {@code seen} (the viewer was on the channel in this window; once per
 *     viewer, channel and window), {@code stay_end} (a stay ended after {@code dwellMs} of watching)
 * @param at event time of what happened
 */
public record ChannelActivity(String channelId, String userId, String kind, long at, long dwellMs) {

    public static final String TUNE_IN = "tune_in";
    public static final String SEEN = "seen";
    public static final String STAY_END = "stay_end";
}

package io.ottpulse.activity.preferences;

/**
 * A channel's place in a viewer's preferences.
 *
 * @param seconds watch seconds (decayed, for decayed preferences)
 * @param share this channel's part of the viewer's total, from 0 to 1
 */
public record ChannelShare(String channelId, double seconds, double share) {
}

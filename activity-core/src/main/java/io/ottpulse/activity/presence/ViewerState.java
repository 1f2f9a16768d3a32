package io.ottpulse.activity.presence;

/**
 * Where a viewer is watching now.
 *
 * @param channelId the channel the viewer is on
 * @param since event time (epoch ms) the viewer entered that channel
 * @param lastSeen event time (epoch ms) of the viewer's latest event
 */
public record ViewerState(String channelId, long since, long lastSeen) {
}

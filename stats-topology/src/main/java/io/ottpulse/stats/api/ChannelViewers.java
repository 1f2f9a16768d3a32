package io.ottpulse.stats.api;

/** A channel and its concurrent viewers, as the API and the channel-load topic give it. */
public record ChannelViewers(String channelId, long viewers) {
}

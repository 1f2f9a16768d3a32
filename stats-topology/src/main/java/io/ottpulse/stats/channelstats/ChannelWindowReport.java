package io.ottpulse.stats.channelstats;

/**
 * A channel's statistics for one closed window, as written to the channel-stats topic.
 *
 * @param uniqueViewers viewers seen on the channel in the window (each counted once, exact)
 * @param stays stays on the channel that ended in the window
 * @param averageDwellSeconds their average watch time
 * @param zaps those of them shorter than the zap threshold
 */
public record ChannelWindowReport(String channelId, long windowStart, long windowEnd, long tuneIns, long uniqueViewers,
        long stays, double averageDwellSeconds, long zaps) {
}

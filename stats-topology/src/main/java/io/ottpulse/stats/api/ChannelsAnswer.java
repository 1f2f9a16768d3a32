package io.ottpulse.stats.api;

import java.util.List;

/** The answer of {@code GET /v1/stats/channels}. */
public record ChannelsAnswer(long totalViewers, List<ChannelViewers> channels) {

    static ChannelsAnswer of(List<ChannelViewers> channels) {
        return new ChannelsAnswer(channels.stream().mapToLong(ChannelViewers::viewers).sum(), channels);
    }
}

package io.ottpulse.stats.api;

import io.ottpulse.stats.platform.Alert;
import java.util.List;

/** The JSON bodies of the query API. */
public final class Answers {

    private Answers() {
    }

    /** {@code GET /v1/stats/channels}: every channel with viewers, most watched first. */
    public record Channels(long totalViewers, List<ChannelViewers> channels) {
        public static Channels of(List<ChannelViewers> channels) {
            return new Channels(channels.stream().mapToLong(ChannelViewers::viewers).sum(), channels);
        }
    }

    /** {@code GET /v1/stats/top?n=}: the n most watched channels now, and the platform total. */
    public record Top(long totalViewers, List<ChannelViewers> channels) {
    }

    /** {@code GET /v1/stats/alerts}: the latest alert of each channel that had one, newest first. */
    public record Alerts(List<Alert> alerts) {
    }

    /** One push of {@code GET /v1/stats/stream}: everything the dashboard shows. */
    public record Snapshot(long at, long totalViewers, List<ChannelViewers> channels, List<ChannelViewers> top,
            List<Alert> alerts) {
    }

    /** An error answer. */
    public record Error(String error, String message) {
    }
}

package io.ottpulse.activity.viewing;

import java.util.HashMap;
import java.util.Map;

/** Watch time per channel, in milliseconds: the ledger behind a viewer's preferences. */
public final class WatchedMs implements ViewingLedger<WatchedMs> {

    private final Map<String, Long> byChannel;

    public WatchedMs() {
        this(new HashMap<>());
    }

    /** A ledger holding {@code byChannel} (copied). */
    public WatchedMs(Map<String, Long> byChannel) {
        this.byChannel = new HashMap<>(byChannel);
    }

    @Override
    public void credit(String channelId, long watchedMs, long atMs) {
        byChannel.merge(channelId, watchedMs, Long::sum);
    }

    @Override
    public void append(WatchedMs later) {
        later.byChannel.forEach((channel, ms) -> byChannel.merge(channel, ms, Long::sum));
    }

    @Override
    public WatchedMs copy() {
        return new WatchedMs(byChannel);
    }

    /** Milliseconds watched per channel (a copy). */
    public Map<String, Long> byChannel() {
        return new HashMap<>(byChannel);
    }

    /** Whole seconds watched per channel (milliseconds rounded down, as {@code Duration.toSeconds} does). */
    public Map<String, Long> seconds() {
        Map<String, Long> seconds = new HashMap<>();
        byChannel.forEach((channel, ms) -> seconds.put(channel, ms / 1000));
        return seconds;
    }
}

package io.ottpulse.stats.viewers;

import java.util.ArrayList;
import java.util.List;

/**
 * The channels a viewer was already counted as seen on in one statistics window, so each viewer counts once per
 * channel and window however often they zap back: the window's unique viewers are then a plain count, exact.
 *
 * @param window the window, in window sizes since the epoch; -1 before the first
 * @param channels the channels counted in that window, in the order first seen (usually one or two)
 */
public record SeenInWindow(long window, List<String> channels) {

    public static final SeenInWindow NONE = new SeenInWindow(-1, List.of());

    public SeenInWindow {
        channels = List.copyOf(channels);
    }

    /** True if the viewer was already counted on {@code channel} in {@code window}. */
    public boolean includes(long window, String channel) {
        return this.window == window && channels.contains(channel);
    }

    /** This record with the viewer counted on {@code channel} in {@code window}; an older window is forgotten. */
    public SeenInWindow with(long window, String channel) {
        if (window != this.window) {
            return new SeenInWindow(window, List.of(channel));
        }
        List<String> more = new ArrayList<>(channels.size() + 1);
        more.addAll(channels);
        more.add(channel);
        return new SeenInWindow(window, more);
    }
}

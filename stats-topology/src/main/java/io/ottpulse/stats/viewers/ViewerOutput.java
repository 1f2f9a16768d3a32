package io.ottpulse.stats.viewers;

/**
 * What the viewer processor publishes, one of: a change of a channel's load (+1: a viewer now counts on it, -1: one
 * no longer does), keyed by channel; a channel activity for the per-window statistics, keyed by channel; a user's
 * preferences after a stay ended, keyed by user.
 */
public record ViewerOutput(Kind kind, long loadChange, ChannelActivity activity, UserPreferences preferences) {

    /** Which of the three this output is. */
    public enum Kind {
        LOAD_CHANGE,
        ACTIVITY,
        PREFERENCES
    }

    static ViewerOutput loadChange(long change) {
        return new ViewerOutput(Kind.LOAD_CHANGE, change, null, null);
    }

    static ViewerOutput activity(ChannelActivity activity) {
        return new ViewerOutput(Kind.ACTIVITY, 0, activity, null);
    }

    static ViewerOutput preferences(UserPreferences preferences) {
        return new ViewerOutput(Kind.PREFERENCES, 0, null, preferences);
    }
}

package io.ottpulse.stats.viewers;

/**
 * What the viewer processor publishes, one of: the channel a viewer is now counted on (null: none), keyed by user;
 * a channel activity for the per-window statistics, keyed by channel; a user's preferences after a stay ended, keyed
 * by user.
 */
public record ViewerOutput(Kind kind, String countedOn, ChannelActivity activity, UserPreferences preferences) {

    /** Which of the three this output is. */
    public enum Kind {
        COUNTED_ON,
        ACTIVITY,
        PREFERENCES
    }

    static ViewerOutput countedOn(String channelId) {
        return new ViewerOutput(Kind.COUNTED_ON, channelId, null, null);
    }

    static ViewerOutput activity(ChannelActivity activity) {
        return new ViewerOutput(Kind.ACTIVITY, null, activity, null);
    }

    static ViewerOutput preferences(UserPreferences preferences) {
        return new ViewerOutput(Kind.PREFERENCES, null, null, preferences);
    }
}

package io.ottpulse.stats.viewers;

import io.ottpulse.activity.preferences.ChannelShare;
import io.ottpulse.activity.preferences.DecayedScores;
import io.ottpulse.activity.preferences.TopChannels;
import java.util.List;

/** A user's top channels by decayed watch seconds, with each channel's share: the preferences topic and API. */
public record UserPreferences(String userId, List<ChannelShare> channels) {

    public static UserPreferences of(String userId, DecayedScores scores, int topN) {
        if (scores == null || scores.isEmpty()) {
            return new UserPreferences(userId, List.of());
        }
        return new UserPreferences(userId, TopChannels.of(scores.at(scores.latest()), topN));
    }
}

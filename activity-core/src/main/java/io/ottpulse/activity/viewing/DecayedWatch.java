package io.ottpulse.activity.viewing;

import io.ottpulse.activity.preferences.DecayedScores;
import java.util.HashMap;
import java.util.Map;

/** Watch seconds per channel, exponentially decayed: each credit counts from the time of the event that earned it. */
public final class DecayedWatch implements ViewingLedger<DecayedWatch> {

    private final double halfLifeMs;
    private final DecayedScores scores;

    public DecayedWatch(double halfLifeMs) {
        this(halfLifeMs, new DecayedScores(halfLifeMs));
    }

    private DecayedWatch(double halfLifeMs, DecayedScores scores) {
        this.halfLifeMs = halfLifeMs;
        this.scores = scores;
    }

    /** A ledger restored from {@link DecayedScores#state()}: channel to {score in seconds, as-of epoch ms}. */
    public static DecayedWatch fromState(double halfLifeMs, Map<String, double[]> state) {
        Map<String, double[]> copy = new HashMap<>();
        state.forEach((channel, score) -> copy.put(channel, score.clone()));
        return new DecayedWatch(halfLifeMs, DecayedScores.fromState(halfLifeMs, copy));
    }

    @Override
    public void credit(String channelId, long watchedMs, long atMs) {
        scores.add(channelId, watchedMs / 1000.0, atMs);
    }

    @Override
    public void append(DecayedWatch later) {
        scores.addAll(later.scores);
    }

    @Override
    public DecayedWatch copy() {
        return fromState(halfLifeMs, scores.state());
    }

    /** The decayed scores (shared, not copied). */
    public DecayedScores scores() {
        return scores;
    }
}

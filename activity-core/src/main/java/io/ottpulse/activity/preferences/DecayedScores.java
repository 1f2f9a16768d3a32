package io.ottpulse.activity.preferences;

import java.util.HashMap;
import java.util.Map;

/**
 * Exponentially decayed watch seconds per channel: a second watched one half-life ago counts half. Each channel keeps
 * its score as of its own last update, so adding is O(1); scores are brought to a common time only to be ranked.
 */
public final class DecayedScores {

    private final double halfLifeMs;
    private final Map<String, double[]> scores;

    /** @param halfLifeMs time after which a watched second counts half */
    public DecayedScores(double halfLifeMs) {
        this(halfLifeMs, new HashMap<>());
    }

    private DecayedScores(double halfLifeMs, Map<String, double[]> scores) {
        if (halfLifeMs <= 0) {
            throw new IllegalArgumentException("the half-life must be positive, was " + halfLifeMs);
        }
        this.halfLifeMs = halfLifeMs;
        this.scores = scores;
    }

    /** Adds watch seconds to a channel at event time {@code atMs}. */
    public void add(String channelId, double seconds, long atMs) {
        double[] score = scores.get(channelId);
        if (score == null) {
            scores.put(channelId, new double[] {seconds, atMs});
        } else {
            long at = Math.max(atMs, (long) score[1]);
            score[0] = decayed(score, at) + seconds * factor(at - atMs);
            score[1] = at;
        }
    }

    /** Adds another viewer's (or window's) scores, e.g. when merging partial aggregates. */
    public void addAll(DecayedScores other) {
        other.scores.forEach((channel, score) -> add(channel, score[0], (long) score[1]));
    }

    /** The decayed seconds of every channel as of {@code atMs}. */
    public Map<String, Double> at(long atMs) {
        Map<String, Double> now = new HashMap<>();
        scores.forEach((channel, score) -> now.put(channel, decayed(score, atMs)));
        return now;
    }

    /** The latest update time of any channel, or {@code Long.MIN_VALUE} when empty. */
    public long latest() {
        return scores.values().stream().mapToLong(score -> (long) score[1]).max().orElse(Long.MIN_VALUE);
    }

    public boolean isEmpty() {
        return scores.isEmpty();
    }

    /** Raw state for storage: channel to {score, as-of time}. */
    public Map<String, double[]> state() {
        return scores;
    }

    /** Rebuilds scores from {@link #state()}. */
    public static DecayedScores fromState(double halfLifeMs, Map<String, double[]> state) {
        return new DecayedScores(halfLifeMs, new HashMap<>(state));
    }

    private double decayed(double[] score, long atMs) {
        return score[0] * factor(atMs - (long) score[1]);
    }

    private double factor(long elapsedMs) {
        return elapsedMs <= 0 ? 1.0 : Math.pow(0.5, elapsedMs / halfLifeMs);
    }
}

package io.ottpulse.stats.platform;

/**
 * A viewer drop on a channel.
 *
 * @param kind {@code outage} (the lost viewers left the platform) or {@code zapping} (they moved to other channels)
 * @param state {@code active} while the drop lasts, {@code resolved} once the channel is back above the threshold
 * @param viewers the channel's viewers when the alert fired
 * @param baseline the channel's average viewers over the baseline minutes before
 * @param platformViewers viewers on the whole platform when the alert fired
 * @param platformBaseline the platform's average viewers over the same minutes
 */
public record Alert(String channelId, String kind, String state, long viewers, double baseline, long platformViewers,
        double platformBaseline, long firedAt, Long resolvedAt) {

    static final String OUTAGE = "outage";
    static final String ZAPPING = "zapping";
    static final String ACTIVE = "active";
    static final String RESOLVED = "resolved";

    Alert resolved(long at) {
        return new Alert(channelId, kind, RESOLVED, viewers, baseline, platformViewers, platformBaseline, firedAt, at);
    }

    boolean active() {
        return ACTIVE.equals(state);
    }
}

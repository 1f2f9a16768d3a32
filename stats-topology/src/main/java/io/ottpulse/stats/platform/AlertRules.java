package io.ottpulse.stats.platform;

import io.ottpulse.stats.StatsConfig;
import java.util.Optional;

/**
 * When a channel's viewer drop is an alert, and which kind. Pure, so the rules are tested on their own: a drop to
 * {@code 1 - dropRatio} of the channel's baseline, with at least {@code minViewers} in the baseline so small channels
 * do not page anyone; an outage when at least {@code outageShare} of the lost viewers also left the platform.
 */
final class AlertRules {

    private final StatsConfig.Alerts config;

    AlertRules(StatsConfig.Alerts config) {
        this.config = config;
    }

    Optional<Alert> evaluate(String channelId, long viewers, double baseline, long platformViewers,
            double platformBaseline, long now) {
        if (baseline < config.minViewers() || viewers > baseline * (1 - config.dropRatio())) {
            return Optional.empty();
        }
        double lost = baseline - viewers;
        double leftPlatform = platformBaseline - platformViewers;
        String kind = leftPlatform >= config.outageShare() * lost ? Alert.OUTAGE : Alert.ZAPPING;
        return Optional.of(new Alert(channelId, kind, Alert.ACTIVE, viewers, baseline, platformViewers,
                platformBaseline, now, null));
    }

    /** An active alert resolves once the channel is back above the drop threshold of the baseline it fired on. */
    boolean recovered(Alert alert, long viewers) {
        return viewers > alert.baseline() * (1 - config.dropRatio());
    }
}

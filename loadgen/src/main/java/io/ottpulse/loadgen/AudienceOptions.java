package io.ottpulse.loadgen;

import picocli.CommandLine.Option;

/** The simulated audience's options, shared by the commands that generate events. */
final class AudienceOptions {

    @Option(names = "--viewers", defaultValue = "1000", description = "Simulated viewers.")
    int viewers;

    @Option(names = "--channels", defaultValue = "200", description = "Channels in the catalogue (Zipf popularity).")
    int channels;

    @Option(names = "--switch-interval", defaultValue = "60",
            description = "Mean seconds a viewer stays on a channel before the next switch, pause or stop.")
    double switchIntervalSeconds;

    @Option(names = "--zap-share", defaultValue = "0.6",
            description = "Share of stays that are short zaps; the rest are watches long enough to keep the mean "
                    + "stay at --switch-interval. 0: one exponential.")
    double zapShare;

    @Option(names = "--zap-dwell", defaultValue = "5", description = "Mean seconds of a zap.")
    double zapDwellSeconds;

    @Option(names = "--pause-share", defaultValue = "0.05",
            description = "Share of stays ending in a pause, resumed on the same channel after --pause-duration.")
    double pauseShare;

    @Option(names = "--pause-duration", defaultValue = "30", description = "Mean seconds of a pause.")
    double pauseSeconds;

    @Option(names = "--stop-share", defaultValue = "0.03",
            description = "Share of stays ending in a stop; the viewer tunes in again after --away-duration.")
    double stopShare;

    @Option(names = "--away-duration", defaultValue = "600", description = "Mean seconds away after a stop.")
    double awaySeconds;

    @Option(names = "--heartbeat", defaultValue = "120", description = "Heartbeat period in seconds; 0 for none.")
    double heartbeatSeconds;

    @Option(names = "--ramp-up", defaultValue = "10", description = "Seconds of audience time over which viewers tune in.")
    double rampUpSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same audience.")
    long seed;

    ChannelCatalogue catalogue() {
        return new ChannelCatalogue(channels, 1.0);
    }

    /** @throws IllegalArgumentException for habits that cannot be (see {@link Habits#of}) */
    Habits habits() {
        return Habits.of(switchIntervalSeconds * 1000, zapShare, zapDwellSeconds * 1000, pauseShare,
                pauseSeconds * 1000, stopShare, awaySeconds * 1000);
    }

    Audience audience(ChannelCatalogue catalogue, long startMillis) {
        return new Audience(viewers, catalogue, habits(), (long) (heartbeatSeconds * 1000),
                (long) (rampUpSeconds * 1000), startMillis, seed);
    }

    String describe() {
        Habits habits = habits();
        return String.format("%d viewers over %d channels, stays %.0f%% zaps of %.1f s and watches of %.1f s "
                + "(mean %.1f s), %.0f%% ending in a pause, %.0f%% in a stop", viewers, channels, zapShare * 100,
                habits.zapDwellMs() / 1000, habits.watchDwellMs() / 1000, habits.meanDwellMs() / 1000,
                pauseShare * 100, stopShare * 100);
    }
}

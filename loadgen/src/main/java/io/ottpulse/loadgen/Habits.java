package io.ottpulse.loadgen;

import java.util.random.RandomGenerator;

/**
 * How viewers behave between tune-in and leaving. A stay on a channel (the dwell) is a mixture of two exponentials:
 * a share of short zaps and long watches, whose mean is the switch interval whatever the share. A stay ends in a
 * switch, or (by share) in a pause followed by a resume on the same channel, or in a stop followed by a return later.
 *
 * @param zapShare share of stays that are zaps, in [0, 1)
 * @param zapDwellMs mean zap in ms
 * @param watchDwellMs mean watch in ms, derived so the mean stay is the switch interval
 * @param pauseShare share of stays that end in a pause
 * @param pauseMs mean pause before the resume, in ms
 * @param stopShare share of stays that end in a stop
 * @param awayMs mean time away after a stop before tuning in again, in ms
 */
public record Habits(double zapShare, double zapDwellMs, double watchDwellMs, double pauseShare, double pauseMs,
        double stopShare, double awayMs) {

    /**
     * Habits with a mean stay of {@code switchIntervalMs}.
     *
     * @throws IllegalArgumentException when a share is out of range or the zaps alone exceed the mean stay
     */
    public static Habits of(double switchIntervalMs, double zapShare, double zapDwellMs, double pauseShare,
            double pauseMs, double stopShare, double awayMs) {
        if (!(switchIntervalMs > 0) || zapShare < 0 || zapShare >= 1 || pauseShare < 0 || stopShare < 0
                || pauseShare + stopShare > 1 || zapDwellMs < 0 || pauseMs < 0 || awayMs < 0) {
            throw new IllegalArgumentException("shares must be in [0, 1) (pause + stop at most 1), durations "
                    + "positive");
        }
        double watch = (switchIntervalMs - zapShare * zapDwellMs) / (1 - zapShare);
        if (!(watch >= zapDwellMs)) {
            throw new IllegalArgumentException(String.format("zaps of %.0f ms for a share of %.2f leave watches "
                    + "shorter than zaps for a mean stay of %.0f ms", zapDwellMs, zapShare, switchIntervalMs));
        }
        return new Habits(zapShare, zapDwellMs, watch, pauseShare, pauseMs, stopShare, awayMs);
    }

    /** Exponential stays of mean {@code switchIntervalMs}, every one ending in a switch. */
    public static Habits plain(double switchIntervalMs) {
        return of(switchIntervalMs, 0, 0, 0, 0, 0, 0);
    }

    /** The mean stay: the switch interval. */
    public double meanDwellMs() {
        return zapShare * zapDwellMs + (1 - zapShare) * watchDwellMs;
    }

    /** A stay's length in ms, at least 1 so a viewer's actions are strictly ordered in time. */
    long dwellMs(RandomGenerator random) {
        double mean = zapShare > 0 && random.nextDouble() < zapShare ? zapDwellMs : watchDwellMs;
        return exponentialMs(random, mean);
    }

    long pauseMs(RandomGenerator random) {
        return exponentialMs(random, pauseMs);
    }

    long awayMs(RandomGenerator random) {
        return exponentialMs(random, awayMs);
    }

    /** How a stay ends. */
    enum Ending { SWITCH, PAUSE, STOP }

    Ending ending(RandomGenerator random) {
        if (pauseShare + stopShare == 0) {
            return Ending.SWITCH;
        }
        double draw = random.nextDouble();
        return draw < pauseShare ? Ending.PAUSE : draw < pauseShare + stopShare ? Ending.STOP : Ending.SWITCH;
    }

    /**
     * Heartbeats expected in one stay for a heartbeat period {@code heartbeatMs}: a stay of Exp(mean m) holds
     * floor(stay / H) of them, e^(-H/m) / (1 - e^(-H/m)) on average; the mixture weighs its two parts.
     */
    double heartbeatsPerStay(double heartbeatMs) {
        if (heartbeatMs <= 0) {
            return 0;
        }
        return (zapShare > 0 ? zapShare * heartbeats(heartbeatMs, zapDwellMs) : 0)
                + (1 - zapShare) * heartbeats(heartbeatMs, watchDwellMs);
    }

    /**
     * Events per second one viewer sends on average: per stay, its heartbeats, the event ending it and, after a
     * pause or a stop, the resume or return; over the stay plus the mean pause or absence.
     */
    double eventsPerSecondPerViewer(double heartbeatMs) {
        double events = heartbeatsPerStay(heartbeatMs) + 1 + pauseShare + stopShare;
        double ms = meanDwellMs() + pauseShare * pauseMs + stopShare * awayMs;
        return events * 1000 / ms;
    }

    private static double heartbeats(double heartbeatMs, double meanMs) {
        double survive = Math.exp(-heartbeatMs / meanMs);
        return survive / (1 - survive);
    }

    private static long exponentialMs(RandomGenerator random, double meanMs) {
        return 1 + (long) (-Math.log(1 - random.nextDouble()) * meanMs);
    }
}

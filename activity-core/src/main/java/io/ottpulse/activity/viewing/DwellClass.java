package io.ottpulse.activity.viewing;

/**
 * What a stay's length says about the viewer: a zap (flicked past), browsing (looked at it), or watching.
 * The default thresholds: under 10 s is a zap (as the stats topology counts zaps), under 60 s browsing.
 */
public enum DwellClass {
    ZAP("zap"),
    BROWSE("browse"),
    WATCH("watch");

    /** A stay shorter than this many seconds is a zap. */
    public static final long ZAP_BELOW_SECONDS = 10;
    /** A stay at least this many seconds long is watching. */
    public static final long WATCH_FROM_SECONDS = 60;

    private final String wireName;

    DwellClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DwellClass of(long seconds) {
        return of(seconds, ZAP_BELOW_SECONDS, WATCH_FROM_SECONDS);
    }

    /**
     * @param zapBelowSeconds stays shorter than this are zaps
     * @param watchFromSeconds stays at least this long are watching; in between is browsing
     */
    public static DwellClass of(long seconds, long zapBelowSeconds, long watchFromSeconds) {
        if (seconds < zapBelowSeconds) {
            return ZAP;
        }
        return seconds < watchFromSeconds ? BROWSE : WATCH;
    }
}

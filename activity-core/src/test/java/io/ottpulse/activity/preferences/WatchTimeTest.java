package io.ottpulse.activity.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.presence.ViewerState;
import org.junit.jupiter.api.Test;

class WatchTimeTest {

    @Test
    void creditsTheGapSinceThePreviousEventUpToTheTimeout() {
        ViewerState watching = new ViewerState("a", 0, 10_000);

        assertThat(WatchTime.creditMs(watching, 70_000, 300_000)).isEqualTo(60_000);
        assertThat(WatchTime.creditMs(watching, 900_000, 300_000)).isEqualTo(300_000);
    }

    @Test
    void creditsNothingWhenNotWatchingOrForAnOlderEvent() {
        assertThat(WatchTime.creditMs(null, 70_000, 300_000)).isZero();
        assertThat(WatchTime.creditMs(new ViewerState("a", 0, 10_000), 5_000, 300_000)).isZero();
    }
}

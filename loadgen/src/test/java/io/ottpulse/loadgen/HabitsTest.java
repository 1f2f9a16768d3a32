package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HabitsTest {

    @Test
    void watchesAreLongEnoughToKeepTheMeanStayAtTheSwitchInterval() {
        Habits habits = Habits.of(60_000, 0.6, 5_000, 0.05, 30_000, 0.03, 600_000);

        assertThat(habits.watchDwellMs()).isEqualTo(142_500.0);
        assertThat(habits.meanDwellMs()).isCloseTo(60_000.0, offset(1e-6));
        assertThat(Habits.plain(60_000).watchDwellMs()).isEqualTo(60_000.0);
    }

    @Test
    void sampledStaysAreMostlyZapsAndAverageTheSwitchInterval() {
        Habits habits = Habits.of(60_000, 0.6, 5_000, 0, 0, 0, 0);
        SplittableRandom random = new SplittableRandom(3);
        int samples = 400_000;
        double sum = 0;
        int underTenSeconds = 0;
        for (int i = 0; i < samples; i++) {
            long dwell = habits.dwellMs(random);
            sum += dwell;
            underTenSeconds += dwell < 10_000 ? 1 : 0;
        }

        assertThat(sum / samples).isCloseTo(60_000.0, withPercentage(1.5));
        // Zaps under 10 s: 0.6 * (1 - e^-2) + 0.4 * (1 - e^(-10/142.5)) = 0.546.
        assertThat(underTenSeconds / (double) samples).isCloseTo(0.546, offset(0.005));
    }

    @Test
    void impossibleHabitsAreRefused() {
        assertThatThrownBy(() -> Habits.of(60_000, 1.0, 5_000, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Habits.of(10_000, 0.6, 20_000, 0, 0, 0, 0))
                .hasMessageContaining("leave watches shorter than zaps");
        assertThatThrownBy(() -> Habits.of(60_000, 0.6, 5_000, 0.7, 1, 0.4, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void naturalRateWithoutHeartbeatsPausesOrStopsIsOneEventPerMeanStay() {
        assertThat(Habits.of(60_000, 0.6, 5_000, 0, 0, 0, 0).eventsPerSecondPerViewer(0) * 500_000)
                .isCloseTo(8_333.3, offset(0.1));
        // The defaults: 1.08 events per 79.5 s (the stay, 5% of a 30 s pause, 3% of a 600 s absence).
        assertThat(Habits.of(60_000, 0.6, 5_000, 0.05, 30_000, 0.03, 600_000).eventsPerSecondPerViewer(0) * 500_000)
                .isCloseTo(6_792.5, offset(0.1));
    }
}

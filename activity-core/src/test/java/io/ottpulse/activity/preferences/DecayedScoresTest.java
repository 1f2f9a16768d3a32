package io.ottpulse.activity.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecayedScoresTest {

    private static final long DAY = 86_400_000L;

    @Test
    void aSecondWatchedOneHalfLifeAgoCountsHalf() {
        DecayedScores scores = new DecayedScores(7 * DAY);
        scores.add("a", 100, 0);

        assertThat(scores.at(7 * DAY).get("a")).isCloseTo(50, within(1e-9));
        assertThat(scores.at(14 * DAY).get("a")).isCloseTo(25, within(1e-9));
    }

    @Test
    void theOrderOfAdditionsDoesNotMatter() {
        DecayedScores inOrder = new DecayedScores(DAY);
        inOrder.add("a", 10, 0);
        inOrder.add("a", 20, DAY);
        DecayedScores reversed = new DecayedScores(DAY);
        reversed.add("a", 20, DAY);
        reversed.add("a", 10, 0);

        assertThat(reversed.at(2 * DAY).get("a")).isCloseTo(inOrder.at(2 * DAY).get("a"), within(1e-9));
        assertThat(inOrder.at(2 * DAY).get("a")).isCloseTo(10 * 0.25 + 20 * 0.5, within(1e-9));
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        DecayedScores one = new DecayedScores(DAY);
        DecayedScores left = new DecayedScores(DAY);
        DecayedScores right = new DecayedScores(DAY);
        one.add("a", 5, 0);
        left.add("a", 5, 0);
        one.add("a", 7, DAY / 2);
        right.add("a", 7, DAY / 2);
        one.add("b", 3, DAY);
        right.add("b", 3, DAY);

        left.addAll(right);

        assertThat(left.at(DAY).get("a")).isCloseTo(one.at(DAY).get("a"), within(1e-9));
        assertThat(left.at(DAY).get("b")).isCloseTo(3, within(1e-9));
        assertThat(left.latest()).isEqualTo(DAY);
    }

    @Test
    void stateRoundTrips() {
        DecayedScores scores = new DecayedScores(DAY);
        scores.add("a", 5, 1_000);

        assertThat(DecayedScores.fromState(DAY, scores.state()).at(DAY).get("a"))
                .isCloseTo(scores.at(DAY).get("a"), within(1e-9));
        assertThatThrownBy(() -> new DecayedScores(0)).hasMessageContaining("half-life");
    }
}

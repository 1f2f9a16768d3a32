package io.ottpulse.udf;

import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.ksql.function.udaf.TableUdaf;
import org.junit.jupiter.api.Test;

class ScalarFunctionsTest {

    @Test
    void dwellClassUsesTheDocumentedThresholdsAndPassesNullThrough() {
        DwellClassUdf dwell = new DwellClassUdf();

        assertThat(dwell.dwellClass(9L)).isEqualTo("zap");
        assertThat(dwell.dwellClass(10L)).isEqualTo("browse");
        assertThat(dwell.dwellClass(60L)).isEqualTo("watch");
        assertThat(dwell.dwellClass(20L, 30, 120)).isEqualTo("zap");
        assertThat(dwell.dwellClass(null)).isNull();
        assertThat(dwell.dwellClass(5L, null, 60)).isNull();
    }

    @Test
    void isActiveFollowsTheViewerTimeout() {
        IsActiveUdf active = new IsActiveUdf();

        assertThat(active.isActive(1_000L, 301_000L)).isTrue();
        assertThat(active.isActive(1_000L, 301_001L)).isFalse();
        assertThat(active.isActive(1_000L, 11_000L, 10)).isTrue();
        assertThat(active.isActive(1_000L, 11_001L, 10)).isFalse();
        assertThat(active.isActive(5_000L, 1_000L, 10)).isTrue();
        assertThat(active.isActive(null, 1_000L)).isNull();
        assertThat(active.isActive(1_000L, 2_000L, null)).isNull();
    }

    @Test
    void viewersCountsUsersAndUndoTakesThemOff() {
        TableUdaf<String, Long, Long> viewers = ViewersUdaf.viewers();

        Long count = viewers.initialize();
        count = viewers.aggregate("u1", count);
        count = viewers.aggregate("u2", count);
        count = viewers.aggregate(null, count);
        assertThat(viewers.map(count)).isEqualTo(2);
        count = viewers.undo("u1", count);
        count = viewers.undo(null, count);
        assertThat(viewers.map(count)).isEqualTo(1);
        assertThat(viewers.undo("u2", viewers.undo("u3", count))).isZero();
        assertThat(viewers.merge(3L, 4L)).isEqualTo(7);
        assertThat(viewers.map(viewers.aggregate("u1", null))).isEqualTo(1);
    }
}

package io.ottpulse.activity.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DwellClassTest {

    @Test
    void underTenSecondsIsAZapUnderAMinuteBrowsingThenWatching() {
        assertThat(DwellClass.of(0)).isEqualTo(DwellClass.ZAP);
        assertThat(DwellClass.of(9)).isEqualTo(DwellClass.ZAP);
        assertThat(DwellClass.of(10)).isEqualTo(DwellClass.BROWSE);
        assertThat(DwellClass.of(59)).isEqualTo(DwellClass.BROWSE);
        assertThat(DwellClass.of(60)).isEqualTo(DwellClass.WATCH);
        assertThat(DwellClass.of(30, 5, 30).wireName()).isEqualTo("watch");
    }
}

package io.ottpulse.activity.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopChannelsTest {

    @Test
    void ranksByWatchTimeWithSharesOfTheWhole() {
        assertThat(TopChannels.of(Map.of("a", 60, "b", 180, "c", 40, "d", 120), 2)).containsExactly(
                new ChannelShare("b", 180, 0.45), new ChannelShare("d", 120, 0.3));
    }

    @Test
    void breaksTiesByChannelAndSkipsEmptyChannels() {
        assertThat(TopChannels.of(Map.of("b", 10, "a", 10, "z", 0), 5)).extracting(ChannelShare::channelId)
                .containsExactly("a", "b");
        assertThat(TopChannels.of(Map.of(), 5)).isEmpty();
        assertThat(TopChannels.of(Map.of("a", 1), 0)).isEmpty();
    }
}

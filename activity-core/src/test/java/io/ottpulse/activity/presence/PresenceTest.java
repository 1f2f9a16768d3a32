package io.ottpulse.activity.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private static final long TIMEOUT = 300_000;

    private static ActivityEvent event(EventType type, String channel, long time) {
        return new ActivityEvent("e-" + time, "u", null, null, type, channel, time, null);
    }

    @Test
    void switchPlaceTheViewerAndHeartbeatsKeepTheEntryTime() {
        ViewerState s = Presence.apply(null, event(EventType.CHANNEL_SWITCH, "a", 100), TIMEOUT);
        s = Presence.apply(s, event(EventType.HEARTBEAT, "a", 200), TIMEOUT);

        assertThat(s).isEqualTo(new ViewerState("a", 100, 200));
        assertThat(Presence.apply(s, event(EventType.PLAY, "b", 300), TIMEOUT)).isEqualTo(new ViewerState("b", 300, 300));
    }

    @Test
    void pauseAndStopEndTheViewing() {
        ViewerState s = new ViewerState("a", 100, 100);

        assertThat(Presence.apply(s, event(EventType.PAUSE, null, 200), TIMEOUT)).isNull();
        assertThat(Presence.apply(s, event(EventType.STOP, null, 200), TIMEOUT)).isNull();
    }

    @Test
    void bufferingAndErrorsKeepTheChannelButShowTheViewerIsThere() {
        ViewerState s = new ViewerState("a", 100, 100);

        assertThat(Presence.apply(s, event(EventType.BUFFERING_START, null, 150), TIMEOUT)).isEqualTo(new ViewerState("a", 100, 150));
        assertThat(Presence.apply(s, event(EventType.ERROR, null, 150), TIMEOUT)).isEqualTo(new ViewerState("a", 100, 150));
        assertThat(Presence.apply(null, event(EventType.BUFFERING_END, null, 150), TIMEOUT)).isNull();
    }

    @Test
    void olderEventsDoNotOverrideNewerState() {
        ViewerState s = new ViewerState("b", 300, 300);

        assertThat(Presence.apply(s, event(EventType.CHANNEL_SWITCH, "a", 200), TIMEOUT)).isSameAs(s);
        assertThat(Presence.apply(s, event(EventType.STOP, null, 299), TIMEOUT)).isSameAs(s);
    }

    @Test
    void anEventAfterALongSilenceStartsANewStay() {
        ViewerState s = new ViewerState("a", 100, 1_000);

        assertThat(Presence.apply(s, event(EventType.HEARTBEAT, "a", 1_000 + TIMEOUT), TIMEOUT))
                .isEqualTo(new ViewerState("a", 100, 1_000 + TIMEOUT));
        assertThat(Presence.apply(s, event(EventType.HEARTBEAT, "a", 1_001 + TIMEOUT), TIMEOUT))
                .isEqualTo(new ViewerState("a", 1_001 + TIMEOUT, 1_001 + TIMEOUT));
        assertThat(Presence.apply(s, event(EventType.BUFFERING_END, null, 1_001 + TIMEOUT), TIMEOUT)).isNull();
    }

    @Test
    void expiresOnlyAfterTheTimeout() {
        ViewerState s = new ViewerState("a", 0, 1_000);

        assertThat(Presence.expired(s, 6_000, 5_000)).isFalse();
        assertThat(Presence.expired(s, 6_001, 5_000)).isTrue();
    }

    @Test
    void anEventGivenByItsPartsFollowsTheSameRules() {
        ViewerState s = new ViewerState("a", 100, 200);

        assertThat(Presence.apply(s, EventType.HEARTBEAT, "a", 300, TIMEOUT)).isEqualTo(new ViewerState("a", 100, 300));
        assertThat(Presence.apply(s, EventType.PLAY, "b", 300, TIMEOUT)).isEqualTo(new ViewerState("b", 300, 300));
        assertThat(Presence.apply(s, EventType.STOP, null, 150, TIMEOUT)).isSameAs(s);
        assertThat(Presence.expired(200, 200 + TIMEOUT, TIMEOUT)).isFalse();
        assertThat(Presence.expired(200, 201 + TIMEOUT, TIMEOUT)).isTrue();
    }
}

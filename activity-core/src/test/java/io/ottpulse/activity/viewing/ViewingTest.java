package io.ottpulse.activity.viewing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.presence.ViewerState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewingTest {

    private static final long T = 300_000;

    /** Writes down every report, to check what a step says. */
    private static final class Recorder implements ViewingLedger<Recorder> {
        final List<String> reports = new ArrayList<>();

        @Override
        public void credit(String channelId, long watchedMs, long atMs) {
            reports.add("credit " + channelId + " " + watchedMs + " @" + atMs);
        }

        @Override
        public void entered(String channelId, long atMs, boolean switched) {
            reports.add((switched ? "switch to " : "enter ") + channelId + " @" + atMs);
        }

        @Override
        public void left(long atMs) {
            reports.add("leave @" + atMs);
        }

        @Override
        public void append(Recorder later) {
            reports.addAll(later.reports);
        }

        @Override
        public Recorder copy() {
            Recorder copy = new Recorder();
            copy.reports.addAll(reports);
            return copy;
        }
    }

    private static ViewerState fold(Recorder recorder, ViewingEvent... events) {
        ViewerState state = null;
        for (ViewingEvent event : events) {
            state = Viewing.step(state, event, T, recorder);
        }
        return state;
    }

    @Test
    void eachEventCreditsTheChannelTheViewerWasOnAndSaysWhereTheyWent() {
        Recorder recorder = new Recorder();

        ViewerState state = fold(recorder, new ViewingEvent(EventType.PLAY, "a", 0),
                new ViewingEvent(EventType.HEARTBEAT, "a", 60_000), new ViewingEvent(EventType.CHANNEL_SWITCH, "b", 65_000),
                new ViewingEvent(EventType.PAUSE, null, 70_000));

        assertThat(state).isNull();
        assertThat(recorder.reports).containsExactly("enter a @0", "credit a 60000 @60000", "credit a 5000 @65000",
                "switch to b @65000", "credit b 5000 @70000", "leave @70000");
    }

    @Test
    void aLongSilenceCreditsAtMostTheTimeoutAndIsNoSwitch() {
        Recorder recorder = new Recorder();

        fold(recorder, new ViewingEvent(EventType.PLAY, "a", 0), new ViewingEvent(EventType.CHANNEL_SWITCH, "b", 1_000_000));

        assertThat(recorder.reports).containsExactly("enter a @0", "credit a 300000 @1000000", "leave @1000000",
                "enter b @1000000");
    }

    @Test
    void anOlderEventIsIgnoredAndReportsNothing() {
        Recorder recorder = new Recorder();
        ViewerState before = fold(recorder, new ViewingEvent(EventType.PLAY, "a", 10_000));
        recorder.reports.clear();

        assertThat(Viewing.step(before, new ViewingEvent(EventType.CHANNEL_SWITCH, "b", 5_000), T, recorder))
                .isSameAs(before);
        assertThat(recorder.reports).isEmpty();
    }

    @Test
    void observationsOnlyNeedAChannel() {
        assertThat(ViewingEvent.seenOn("a", 5).usable()).isTrue();
        assertThat(ViewingEvent.seenOn(null, 5).usable()).isFalse();
        assertThat(new ViewingEvent(EventType.STOP, null, 5).usable()).isTrue();
        assertThat(new ViewingEvent(null, "a", 5).usable()).isFalse();
    }

    @Test
    void aPathOfStaysGivesOneTransitionPerSwitch() {
        ChannelStays stays = new ChannelStays();
        ViewerState state = null;
        for (ViewingEvent event : List.of(new ViewingEvent(EventType.PLAY, "a", 0),
                new ViewingEvent(EventType.CHANNEL_SWITCH, "b", 4_000), new ViewingEvent(EventType.CHANNEL_SWITCH, "c", 34_000),
                new ViewingEvent(EventType.STOP, null, 134_000), new ViewingEvent(EventType.PLAY, "a", 200_000))) {
            state = Viewing.step(state, event, T, stays);
        }

        assertThat(stays.stays()).extracting(ChannelStay::exit).containsExactly(ChannelStay.Exit.SWITCH,
                ChannelStay.Exit.SWITCH, ChannelStay.Exit.LEAVE, ChannelStay.Exit.OPEN);
        assertThat(ChannelTransition.along(stays.stays())).containsExactly(
                new ChannelTransition("a", "b", 4_000, 4_000), new ChannelTransition("b", "c", 30_000, 34_000));
        assertThat(ChannelTransition.along(stays.stays())).extracting(ChannelTransition::dwellClass)
                .containsExactly(DwellClass.ZAP, DwellClass.BROWSE);
    }
}

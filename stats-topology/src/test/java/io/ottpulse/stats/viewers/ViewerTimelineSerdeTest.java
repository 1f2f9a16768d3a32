package io.ottpulse.stats.viewers;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.ViewingEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ViewerTimelineSerdeTest {

    private final Serde<ViewerTimeline> serde = ViewerTimelineSerde.serde();

    @Test
    void aTimelineWithItsEventIdsAndSeenChannelsReadsBackAsItWasWritten() {
        ViewerTimeline timeline = new ViewerTimeline(new ViewerState("ch-1", 1_000, 2_000), 2_000,
                List.of(new ViewingEvent(EventType.HEARTBEAT, "ch-1", 3_000), new ViewingEvent(EventType.STOP, null, 4_000)),
                "ch-1", 7, new SeenInWindow(0, List.of("ch-2", "ch-1")),
                new RecentEventIds(new String[] {"e-1", "e-2"}, new long[] {1_000, 4_000}));

        byte[] bytes = serde.serializer().serialize("viewers", timeline);

        assertThat(bytes[0]).isEqualTo(ViewerTimelineSerde.VERSION_3);
        assertThat(serde.deserializer().deserialize("viewers", bytes)).isEqualTo(timeline);
    }

    @Test
    void aDepartedViewerReadsBackAsDepartedWithTheChannelsSeenInTheWindow() {
        ViewerTimeline departed = ViewerTimeline.departed(new RecentEventIds(new String[] {"e-9"}, new long[] {9_000}),
                new SeenInWindow(3, List.of("ch-4"))).withTimer(12);

        ViewerTimeline read = serde.deserializer().deserialize("viewers", serde.serializer().serialize("viewers", departed));

        assertThat(read).isEqualTo(departed);
        assertThat(read.departed()).isTrue();
    }

    /** Version 2 kept the window alone, for the channel of the settled stay: state on disk after an upgrade. */
    @Test
    void aTimelineOfVersionTwoIsSeenOnItsSettledChannelInItsWindow() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(ViewerTimelineSerde.VERSION_2);
            out.writeBoolean(true);
            out.writeUTF("ch-1");
            out.writeLong(1_000);
            out.writeLong(2_000);
            out.writeLong(2_000);
            out.writeShort(0);
            out.writeBoolean(true);
            out.writeUTF("ch-1");
            out.writeLong(7);
            out.writeLong(5);
            out.writeShort(1);
            out.writeUTF("e-1");
            out.writeLong(2_000);
        }

        ViewerTimeline read = serde.deserializer().deserialize("viewers", bytes.toByteArray());

        assertThat(read).isEqualTo(new ViewerTimeline(new ViewerState("ch-1", 1_000, 2_000), 2_000, List.of(), "ch-1", 7,
                new SeenInWindow(5, List.of("ch-1")), new RecentEventIds(new String[] {"e-1"}, new long[] {2_000})));
    }

    /** The layout of version 1, without a version byte or eventIds. */
    @Test
    void aTimelineOfThePreviousVersionIsReadWithoutEventIds() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(true);
            out.writeUTF("ch-1");
            out.writeLong(1_000);
            out.writeLong(2_000);
            out.writeLong(2_000);
            out.writeShort(1);
            out.writeByte(EventType.HEARTBEAT.ordinal());
            out.writeBoolean(true);
            out.writeUTF("ch-1");
            out.writeLong(3_000);
            out.writeBoolean(true);
            out.writeUTF("ch-1");
            out.writeLong(7);
            out.writeLong(0);
        }

        ViewerTimeline read = serde.deserializer().deserialize("viewers", bytes.toByteArray());

        assertThat(read).isEqualTo(new ViewerTimeline(new ViewerState("ch-1", 1_000, 2_000), 2_000,
                List.of(new ViewingEvent(EventType.HEARTBEAT, "ch-1", 3_000)), "ch-1", 7,
                new SeenInWindow(0, List.of("ch-1")), RecentEventIds.NONE));
    }

    @Test
    void aNewViewerOfThePreviousVersionStartsWithAZeroByte() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(false);
            out.writeLong(5_000);
            out.writeShort(0);
            out.writeBoolean(false);
            out.writeLong(-1);
            out.writeLong(-1);
        }

        ViewerTimeline read = serde.deserializer().deserialize("viewers", bytes.toByteArray());

        assertThat(read).isEqualTo(new ViewerTimeline(null, 5_000, List.of(), null, -1, SeenInWindow.NONE,
                RecentEventIds.NONE));
    }
}

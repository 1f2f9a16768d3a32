package io.ottpulse.stats.viewers;

import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.ViewingEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary form of {@link ViewerTimeline} for the viewers store (it is read and written per event), in
 * {@link java.io.DataOutputStream}'s encoding of each value.
 *
 * <p>Version 3 starts with the byte {@value #VERSION_3}, names every channel the viewer was counted as seen on in
 * their latest window and ends with the viewer's recent eventIds. Version 2 (byte {@value #VERSION_2}) kept only the
 * window, meaning the channel of the settled stay. Version 1, written before the eventIds were kept here, has no
 * version byte: it starts with the settled state's presence flag, 0 or 1, so the first byte tells them apart. A
 * version-1 timeline reads with no eventIds; the resends of its events are found in the previous duplicate filter's
 * store ({@link io.ottpulse.stats.dedup.LegacySeenEvents}).
 */
public final class ViewerTimelineSerde {

    static final byte VERSION_2 = 2;
    static final byte VERSION_3 = 3;
    private static final EventType[] TYPES = EventType.values();

    private ViewerTimelineSerde() {
    }

    public static Serde<ViewerTimeline> serde() {
        Serializer<ViewerTimeline> serializer = (topic, timeline) -> timeline == null ? null : write(timeline);
        Deserializer<ViewerTimeline> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(ViewerTimeline timeline) {
        BinaryWriter out = new BinaryWriter(128);
        out.writeByte(VERSION_3);
        ViewerState settled = timeline.settled();
        out.writeBoolean(settled != null);
        if (settled != null) {
            out.writeUtf(settled.channelId()).writeLong(settled.since()).writeLong(settled.lastSeen());
        }
        out.writeLong(timeline.settledThrough());
        out.writeShort(timeline.pending().size());
        for (ViewingEvent event : timeline.pending()) {
            out.writeByte(event.type().ordinal());
            writeNullable(out, event.channelId());
            out.writeLong(event.timestamp());
        }
        writeNullable(out, timeline.countedOn());
        out.writeLong(timeline.timerBucket());
        SeenInWindow seen = timeline.seen();
        out.writeLong(seen.window()).writeShort(seen.channels().size());
        for (String channelId : seen.channels()) {
            out.writeUtf(channelId);
        }
        RecentEventIds ids = timeline.eventIds();
        out.writeShort(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            out.writeUtf(ids.id(i)).writeLong(ids.time(i));
        }
        return out.toByteArray();
    }

    private static ViewerTimeline read(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        byte version = bytes[0] == VERSION_2 || bytes[0] == VERSION_3 ? in.readByte() : 1;
        ViewerState settled = in.readBoolean() ? new ViewerState(in.readUtf(), in.readLong(), in.readLong()) : null;
        long settledThrough = in.readLong();
        int count = in.readShort();
        List<ViewingEvent> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(new ViewingEvent(TYPES[in.readByte()], readNullable(in), in.readLong()));
        }
        String countedOn = readNullable(in);
        long timerBucket = in.readLong();
        SeenInWindow seen = version == VERSION_3 ? readSeen(in) : seenOfSettledStay(in.readLong(), settled);
        RecentEventIds ids = version == 1 ? RecentEventIds.NONE : readEventIds(in);
        return new ViewerTimeline(settled, settledThrough, pending, countedOn, timerBucket, seen, ids);
    }

    private static SeenInWindow readSeen(BinaryReader in) {
        long window = in.readLong();
        int count = in.readShort();
        List<String> channels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            channels.add(in.readUtf());
        }
        return new SeenInWindow(window, channels);
    }

    /** Before version 3 the window was recorded alone, for the channel of the settled stay. */
    private static SeenInWindow seenOfSettledStay(long window, ViewerState settled) {
        return window < 0 || settled == null ? SeenInWindow.NONE : new SeenInWindow(window, List.of(settled.channelId()));
    }

    private static RecentEventIds readEventIds(BinaryReader in) {
        int count = in.readShort();
        String[] ids = new String[count];
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = in.readUtf();
            times[i] = in.readLong();
        }
        return new RecentEventIds(ids, times);
    }

    private static void writeNullable(BinaryWriter out, String value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUtf(value);
        }
    }

    private static String readNullable(BinaryReader in) {
        return in.readBoolean() ? in.readUtf() : null;
    }
}
